import { gql } from '../api'
import { lineChart } from '../charts'
import { esc, explorerLink, money, pct, short } from '../format'
import { go } from '../state'
import { bucketFor, empty, stat, type ViewContext, bucketButtons, wireBucketButtons } from './view'

/** One GPU: its usage series, revenue split (gross → fees → net) and owner history with evidence. */
export async function gpuView(ctx: ViewContext) {
  const { state, el } = ctx
  const id = state.id ?? ''
  const bucket = bucketFor(state)
  // the GPU's id as the API serves it, <chainId>:<gpuId>, or a bare gpuId on the picked chain
  const m = /^(?:(\d+):)?(\d+)$/.exec(id)
  const chainId = m?.[1] != null ? Number(m[1]) : ctx.chainId
  const scope = { gpuIds: m ? [m[2]] : [], chainIds: chainId == null ? null : [chainId] }
  const d = await gql(
    `query($id: ID!, $chain: Int, $scope: GpuScope!, $from: DateTime!, $to: DateTime!, $bucket: Bucket) {
      gpu(id: $id, chainId: $chain) { id chainId gpuId sku region status valuation valuationAsset valuationAssetInfo { symbol decimals } registeredAt owner { address } operator { address }
        transfers { from to { address } evidence { txHash blockNumber blockTime } } }
      u: gpuUtilization(scope: $scope, from: $from, to: $to, bucket: $bucket) {
        utilization points { bucketStart availableSec rentedSec utilization } }
      y: gpuYield(scope: $scope, from: $from, to: $to) { assetInfo { symbol decimals } gross operatorFee protocolFee net avgValuation apr apy }
    }`,
    { id, chain: m?.[1] != null ? null : chainId, scope, from: ctx.from, to: ctx.to, bucket },
  )
  if (ctx.stale()) return
  if (!d.gpu) {
    el.innerHTML = empty(`GPU ${esc(id)} is not indexed.`)
    return
  }
  const g = d.gpu
  const y = d.y
  const share = (x: string) => (BigInt(y.gross) === 0n ? 0 : Number((BigInt(x) * 10000n) / BigInt(y.gross)) / 100)
  el.innerHTML = `
    <p><a href="?view=compute&from=${state.from}&to=${state.to}${state.chain ? `&chain=${esc(state.chain)}` : ''}">← all GPUs</a></p>
    <h1 data-testid="gpu-title">GPU #${esc(g.gpuId)}${ctx.chains.length > 1 ? ` on ${esc(ctx.chains.find((c) => c.chainId === g.chainId)?.name ?? String(g.chainId))}` : ''} · ${esc(g.sku)} · ${esc(g.region)} · ${g.status.toLowerCase()}</h1>
    <section class="stats">
      ${stat('utilization', pct(d.u.utilization), 'gpu-utilization', d.u.utilization)}
      ${stat('valuation', money(g.valuation, g.valuationAssetInfo), 'gpu-valuation', g.valuation)}
      ${stat('APR', pct(y.apr), 'gpu-apr', y.apr)}
      ${stat('APY', pct(y.apy), 'gpu-apy', y.apy)}
      ${stat('owner', short(g.owner?.address ?? '—'), 'gpu-owner', g.owner?.address)}
      ${stat('operator', short(g.operator.address), 'gpu-operator', g.operator.address)}
    </section>
    <section class="card"><h2>Usage per ${bucket.toLowerCase()}</h2>
      ${bucketButtons(bucket)}
      <div id="chart"></div></section>
    <section class="card"><h2>Revenue split in the window</h2>
      <div class="split" data-testid="revenue-split">
        <div><span>gross</span><b data-testid="split-gross" data-value="${y.gross}">${money(y.gross, y.assetInfo)}</b></div>
        <div><span>operator fee</span><b data-value="${y.operatorFee}">${money(y.operatorFee, y.assetInfo)}</b><i>${share(y.operatorFee)}%</i></div>
        <div><span>protocol fee</span><b data-value="${y.protocolFee}">${money(y.protocolFee, y.assetInfo)}</b><i>${share(y.protocolFee)}%</i></div>
        <div><span>net to owner</span><b data-testid="split-net" data-value="${y.net}">${money(y.net, y.assetInfo)}</b><i>${share(y.net)}%</i></div>
      </div>
      <div class="splitbar" aria-hidden="true"><i style="width:${share(y.operatorFee)}%" class="op"></i><i style="width:${share(y.protocolFee)}%" class="proto"></i><i style="width:${share(y.net)}%" class="net"></i></div>
    </section>
    <section class="card"><h2>Owner history</h2><div class="scroll"><table data-testid="owner-history"><thead><tr><th>time</th><th>from</th><th>to</th><th>evidence</th></tr></thead><tbody>
      ${g.transfers
        .map(
          (t: any) =>
            `<tr><td>${t.evidence.blockTime.slice(0, 16).replace('T', ' ')}</td><td>${explorerLink('address', t.from, short(t.from))}</td><td>${explorerLink('address', t.to.address, short(t.to.address))}</td><td class="mono" title="${t.evidence.txHash}">${explorerLink('tx', t.evidence.txHash, `block ${t.evidence.blockNumber} · ${short(t.evidence.txHash)}`)}</td></tr>`,
        )
        .join('')}</tbody></table></div></section>`
  wireBucketButtons(el, go)
  const pts = d.u.points as {
    bucketStart: string
    availableSec: string
    rentedSec: string
    utilization: number | null
  }[]
  if (pts.some((p) => p.utilization != null)) {
    lineChart(
      el.querySelector('#chart')!,
      pts.map((p) => Date.parse(p.bucketStart) / 1000),
      [
        { label: 'available h', values: pts.map((p) => Number(p.availableSec) / 3600), color: '#7a8a99' },
        { label: 'rented h', values: pts.map((p) => Number(p.rentedSec) / 3600), color: '#e07a1f' },
      ],
      { unit: 'hours' },
    )
  } else el.querySelector('#chart')!.innerHTML = empty('No usage in this window.')
}
