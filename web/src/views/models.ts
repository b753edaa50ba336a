import { gql } from '../api'
import { lineChart } from '../charts'
import { explorerLink, money, num, pct, short, text, units } from '../format'
import { go } from '../state'
import { bucketFor, empty, stat, type ViewContext, bucketButtons, wireBucketButtons } from './view'

const TOKEN_DECIMALS = 18

/** Model tokens: offering outcome and price, revenue per token over time, holders, inference usage. */
export async function modelsView(ctx: ViewContext) {
  const { state, el } = ctx
  const tokens = (
    await gql(
      `query($chain: Int) { modelTokens(first: 200, chainId: $chain) { nodes { id chainId address standard modelId factory name symbol totalSupply holderCount revenueReceived snapshotCount
      revenueAssetInfo { symbol decimals } offering { status deposited target price raiseAssetInfo { symbol decimals } } } } }`,
      { chain: ctx.chainId },
    )
  ).modelTokens.nodes as any[]
  if (ctx.stale()) return
  if (!tokens.length) {
    el.innerHTML = empty('No model token is indexed.')
    return
  }
  // the URL names a token by its id (or, as links of earlier versions did, by its address)
  const t =
    tokens.find((x) => x.id === state.token || x.address === state.token) ??
    tokens.find((x) => x.modelId != null) ??
    tokens[0]
  const bucket = bucketFor(state)
  const d = await gql(
    `query($t: String!, $m: BigInt!, $chain: Int, $hasModel: Boolean!, $from: DateTime!, $to: DateTime!, $bucket: Bucket) {
      y: modelTokenYield(token: $t, from: $from, to: $to) { offeringPrice revenuePerToken snapshots apr apy }
      s: revenueSnapshots(first: 1000, filter: { token: $t }) { nodes { snapshotId claimable totalSupply evidence { blockTime } } }
      h: holders(first: 20, filter: { token: $t, positive: true }, orderBy: BALANCE, direction: DESC) { totalCount nodes { balance account { address } } }
      u: modelUsage(modelId: $m, chainId: $chain, from: $from, to: $to, bucket: $bucket) @include(if: $hasModel) { requests fees callers fulfilledShare medianLatencySec points { bucketStart requests fees } }
    }`,
    // a standalone token has no model, so no inference usage
    { t: t.id, m: t.modelId ?? '0', chain: t.chainId, hasModel: t.modelId != null, from: ctx.from, to: ctx.to, bucket },
  )
  if (ctx.stale()) return
  const supplyOf = (raw: string) => units(raw, TOKEN_DECIMALS, 0)
  el.innerHTML = `
    <section class="card"><h2>Offerings</h2><div class="scroll"><table data-testid="offerings"><thead><tr>
      <th>model</th><th>token</th><th>outcome</th><th>raised / target</th><th>price per token</th><th>holders</th><th>revenue received</th></tr></thead><tbody>
      ${tokens
        .filter((x) => x.modelId != null)
        .map(
          (x) => `<tr data-token="${x.id}" class="${x.id === t.id ? 'sel' : ''}"><td>#${x.modelId} ${text(x.name)}</td>
          <td><a href="?view=models&token=${x.id}&from=${state.from}&to=${state.to}">${text(x.symbol, 16)}</a></td>
          <td data-col="status">${(x.offering?.status ?? '—').toLowerCase()}</td>
          <td>${money(x.offering?.deposited, x.offering?.raiseAssetInfo, 0)} / ${money(x.offering?.target, x.offering?.raiseAssetInfo, 0)}</td>
          <td class="n" data-col="price" data-value="${x.offering?.price ?? ''}">${x.offering?.price ? money(x.offering.price, x.offering.raiseAssetInfo, 4) : '—'}</td>
          <td class="n" data-col="holders">${x.holderCount}</td><td class="n">${money(x.revenueReceived, x.revenueAssetInfo)}</td></tr>`,
        )
        .join('')}</tbody></table></div></section>
    ${standaloneTable(
      tokens.filter((x) => x.modelId == null),
      t.id,
      state,
    )}
    <h1>${text(t.name, 80)} (${text(t.symbol, 16)})</h1>
    <section class="stats">
      ${stat('revenue per token', money(d.y.revenuePerToken, t.revenueAssetInfo, 6), 'model-rpt', d.y.revenuePerToken)}
      ${stat('snapshots', String(d.y.snapshots), 'model-snapshots', d.y.snapshots)}
      ${stat('APR on offering price', pct(d.y.apr), 'model-apr', d.y.apr)}
      ${stat('APY', pct(d.y.apy), 'model-apy', d.y.apy)}
    </section>
    <div class="cols">
      <section class="card"><h2>Revenue per token, by snapshot</h2><div id="rpt" data-testid="rpt-chart"></div></section>
      <section class="card"><h2>Top holders (<span data-testid="holder-count">${d.h.totalCount}</span>)</h2><div class="scroll"><table data-testid="holders"><tbody>
        ${d.h.nodes.map((h: any) => `<tr data-holder="${h.account.address}"><td class="mono">${explorerLink('address', h.account.address, short(h.account.address))}${h.account.address === t.factory ? ' <i>(the factory: what the offering did not distribute)</i>' : ''}</td><td class="n" data-col="balance" title="${h.balance} base units">${supplyOf(h.balance)}</td></tr>`).join('') || '<tr><td>none</td></tr>'}
      </tbody></table></div></section>
    </div>
    ${d.u ? usageSection(d.u, t, ctx, bucket) : ''}`
  wireBucketButtons(el, go)
  drawCharts(el, d, t)
}

/** Tokens no factory created (ERC-7641 as written): no offering, revenue in native coin. */
function standaloneTable(list: any[], selected: string, state: ViewContext['state']): string {
  if (!list.length) return ''
  return `<section class="card"><h2>Standalone revenue-share tokens</h2><div class="scroll"><table data-testid="standalone-tokens"><thead><tr>
    <th>token</th><th>standard</th><th>snapshots</th><th>holders</th><th>revenue received</th></tr></thead><tbody>
    ${list
      .map(
        (x) => `<tr data-token="${x.id}" class="${x.id === selected ? 'sel' : ''}">
        <td><a href="?view=models&token=${x.id}&from=${state.from}&to=${state.to}">${text(x.name, 40)} (${text(x.symbol, 16)})</a></td>
        <td>${x.standard === 'ERC7641' ? 'ERC-7641' : 'ours'}</td><td class="n">${x.snapshotCount}</td>
        <td class="n" data-col="holders">${x.holderCount}</td>
        <td class="n" data-col="revenue" data-value="${x.revenueReceived}">${money(x.revenueReceived, x.revenueAssetInfo)}</td></tr>`,
      )
      .join('')}</tbody></table></div></section>`
}

function usageSection(u: any, t: any, ctx: ViewContext, bucket: string): string {
  return `<section class="card"><h2>Inference per ${bucket.toLowerCase()}</h2>
      ${bucketButtons(bucket)}
      <section class="stats">
        ${stat('requests', String(u.requests), 'usage-requests', u.requests)}
        ${stat('fees', money(u.fees, t.revenueAssetInfo), 'usage-fees', u.fees)}
        ${stat('callers', String(u.callers), 'usage-callers', u.callers)}
        ${stat('fulfilled', pct(u.fulfilledShare), 'usage-fulfilled', u.fulfilledShare)}
        ${stat('median latency', u.medianLatencySec == null ? '—' : `${num(u.medianLatencySec / 3600, 2)} h`, 'usage-latency', u.medianLatencySec)}
      </section>
      <div id="usage"></div>
      <p class="links"><a download href="/export/model-usage.csv?${new URLSearchParams({ modelId: t.modelId, chainId: String(t.chainId), from: ctx.from, to: ctx.to, bucket })}">usage CSV</a></p></section>`
}

function drawCharts(el: HTMLElement, d: any, t: any) {
  const snaps = d.s.nodes as any[]
  if (snaps.length) {
    // asset units per whole token, exact integer division as the API defines it
    lineChart(
      el.querySelector('#rpt')!,
      snaps.map((s) => Date.parse(s.evidence.blockTime) / 1000),
      [
        {
          label: 'per token',
          values: snaps.map(
            (s) =>
              Number((BigInt(s.claimable) * 10n ** 18n) / BigInt(s.totalSupply)) /
              10 ** (t.revenueAssetInfo?.decimals ?? 0),
          ),
          color: '#7b4fc9',
        },
      ],
      { height: 200 },
    )
  } else el.querySelector('#rpt')!.innerHTML = empty('No snapshot yet.')
  if (!d.u) return
  const pts = d.u.points as any[]
  if (pts.some((p) => p.requests > 0)) {
    lineChart(
      el.querySelector('#usage')!,
      pts.map((p) => Date.parse(p.bucketStart) / 1000),
      [{ label: 'requests', values: pts.map((p) => p.requests), color: '#1f9e6e' }],
      { height: 200 },
    )
  } else el.querySelector('#usage')!.innerHTML = empty('No request in this window.')
}
