import { gql } from '../api'
import { lineChart } from '../charts'
import { esc, money, num, pct, short } from '../format'
import { go } from '../state'
import { bucketFor, empty, stat, type ViewContext, bucketButtons, wireBucketButtons } from './view'

/** A vault: price-per-share chart, APR/APY, TVL and flows in the window. */
export async function vaultsView(ctx: ViewContext) {
  const { state, el } = ctx
  const list = (
    await gql(
      `query($chain: Int) { vaults(first: 100, chainId: $chain) { nodes { id chainId address totalAssets pricePerShare depositCount withdrawalCount } } }`,
      { chain: ctx.chainId },
    )
  ).vaults.nodes as { id: string; chainId: number; address: string; totalAssets: string }[]
  if (ctx.stale()) return
  if (!list.length) {
    el.innerHTML = empty('No vault is indexed.')
    return
  }
  // the URL names a vault by its id (or, as links of earlier versions did, by its address)
  const vault = list.find((v) => v.id === state.vault || v.address === state.vault)?.id ?? list[0].id
  const bucket = bucketFor(state)
  const y = (
    await gql(
      `query($v: String!, $from: DateTime!, $to: DateTime!, $bucket: Bucket) {
        vaultYield(vault: $v, from: $from, to: $to, bucket: $bucket) { assetInfo { symbol decimals } ppsStart ppsEnd apr apy tvl deposits withdrawals points { bucketStart pps } } }`,
      { v: vault, from: ctx.from, to: ctx.to, bucket },
    )
  ).vaultYield
  if (ctx.stale()) return
  const csv = new URLSearchParams({ vault, from: ctx.from, to: ctx.to, bucket })
  el.innerHTML = `
    <section class="bar"><label>vault <select id="vault" data-testid="vault-select">${list
      .map(
        (v) =>
          `<option value="${v.id}" ${v.id === vault ? 'selected' : ''}>${short(v.address)}${ctx.chains.length > 1 ? ` (${esc(ctx.chains.find((c) => c.chainId === v.chainId)?.name ?? String(v.chainId))})` : ''}</option>`,
      )
      .join('')}</select></label>
      ${bucketButtons(bucket)}</section>
    <h1 class="mono">${esc(vault)}</h1>
    <section class="stats">
      ${stat('APR', pct(y.apr), 'vault-apr', y.apr)}
      ${stat('APY', pct(y.apy), 'vault-apy', y.apy)}
      ${stat('TVL', money(y.tvl, y.assetInfo), 'vault-tvl', y.tvl)}
      ${stat('deposits', money(y.deposits, y.assetInfo), 'vault-deposits', y.deposits)}
      ${stat('withdrawals', money(y.withdrawals, y.assetInfo), 'vault-withdrawals', y.withdrawals)}
      ${stat('price per share', `${num(y.ppsStart, 6)} → ${num(y.ppsEnd, 6)}`, 'vault-pps', y.ppsEnd)}
    </section>
    <section class="card"><h2>Price per share (end of each ${bucket.toLowerCase()})</h2><div id="chart" data-testid="pps-chart"></div>
      <p class="links"><a download href="/export/vault-yield.csv?${csv}">vault CSV</a></p></section>`
  el.querySelector<HTMLSelectElement>('#vault')!.onchange = (e) => go({ vault: (e.target as HTMLSelectElement).value })
  wireBucketButtons(el, go)
  const pts = y.points as { bucketStart: string; pps: number | null }[]
  if (pts.some((p) => p.pps != null)) {
    lineChart(
      el.querySelector('#chart')!,
      pts.map((p) => Date.parse(p.bucketStart) / 1000),
      [{ label: 'pps', values: pts.map((p) => p.pps), color: '#2f7fc1' }],
      { unit: 'plain' },
    )
  } else el.querySelector('#chart')!.innerHTML = empty('The vault had no shares in this window.')
}
