import { gql } from '../api'
import { lineChart } from '../charts'
import { esc, money, pct } from '../format'
import { go, urlOf } from '../state'
import { bucketFor, empty, stat, type ViewContext, bucketButtons, wireBucketButtons } from './view'

/**
 * Fleet utilization over time, filters, and a sortable table of GPUs with utilization and yield.
 * Utilization combines across chains; revenue and yield are per chain (each chain's GPUs are valued
 * in that chain's asset), so with every chain picked the yield figures are one row per chain.
 */
export async function computeView(ctx: ViewContext) {
  const { state, el } = ctx
  const bucket = bucketFor(state)
  const scope = {
    operator: state.operator || null,
    sku: state.sku || null,
    region: state.region || null,
    chainIds: ctx.chainId == null ? null : [ctx.chainId],
  }
  const fleet = await gql(
    `query($scope: GpuScope!, $chain: Int, $from: DateTime!, $to: DateTime!, $bucket: Bucket) {
      gpus(first: 1000, chainId: $chain) { nodes { id chainId gpuId sku region status operator { address } valuationAssetInfo { symbol decimals } } }
      u: gpuUtilization(scope: $scope, from: $from, to: $to, bucket: $bucket) {
        utilization availableSec rentedSec points { bucketStart utilization } }
    }`,
    { scope, chain: ctx.chainId, from: ctx.from, to: ctx.to, bucket },
  )
  if (ctx.stale()) return
  const all = fleet.gpus.nodes as {
    id: string
    chainId: number
    gpuId: string
    sku: string
    region: string
    status: string
    operator: { address: string }
  }[]
  const chainName = (id: number) => ctx.chains.find((c) => c.chainId === id)?.name ?? String(id)
  const options = (key: 'sku' | 'region' | 'operator', values: string[]) =>
    `<label>${key} <select data-filter="${key}" data-testid="filter-${key}"><option value="">all</option>${[
      ...new Set(values),
    ]
      .sort()
      .map((v) => `<option ${state[key] === v ? 'selected' : ''} value="${esc(v)}">${esc(v)}</option>`)
      .join('')}</select></label>`
  const inScope = all.filter(
    (g) =>
      (!scope.operator || g.operator.address === scope.operator) &&
      (!scope.sku || g.sku === scope.sku) &&
      (!scope.region || g.region === scope.region),
  )
  // the yield of each chain with GPUs in scope, in one request: one chain's figures are the headline
  // numbers, several chains' one line each
  const yieldChains = [...new Set(inScope.map((g) => g.chainId))].sort((a, b) => a - b)
  const yields = yieldChains.length
    ? await gql(
        `query($operator: String, $sku: String, $region: String, $from: DateTime!, $to: DateTime!) { ${yieldChains
          .map(
            (c) =>
              `y${c}: gpuYield(scope: { operator: $operator, sku: $sku, region: $region, chainIds: [${c}] }, from: $from, to: $to) { assetInfo { symbol decimals } net apr apy }`,
          )
          .join(' ')} }`,
        { operator: scope.operator, sku: scope.sku, region: scope.region, from: ctx.from, to: ctx.to },
      )
    : {}
  if (ctx.stale()) return
  const several = yieldChains.length > 1
  const none = { net: '0', apr: null, apy: null, assetInfo: null }
  const y = several ? null : (yields[`y${yieldChains[0]}`] ?? none)
  const csvArgs = new URLSearchParams({ from: ctx.from, to: ctx.to, bucket })
  for (const k of ['operator', 'sku', 'region'] as const) if (scope[k]) csvArgs.set(k, scope[k]!)
  if (ctx.chainId != null) csvArgs.set('chainIds', String(ctx.chainId))
  // the yield report is totals over the window: it takes no bucket
  const yieldArgs = new URLSearchParams(csvArgs)
  yieldArgs.delete('bucket')

  el.innerHTML = `
    <section class="bar">
      ${options(
        'operator',
        all.map((g) => g.operator.address),
      )}
      ${options(
        'sku',
        all.map((g) => g.sku),
      )}
      ${options(
        'region',
        all.map((g) => g.region),
      )}
      ${bucketButtons(bucket)}
    </section>
    <section class="stats">
      ${stat('fleet utilization', pct(fleet.u.utilization), 'fleet-utilization', fleet.u.utilization)}
      ${y ? stat('net revenue', money(y.net, y.assetInfo), 'fleet-net', y.net) : ''}
      ${y ? stat('APR', pct(y.apr), 'fleet-apr', y.apr) : ''}
      ${y ? stat('APY', pct(y.apy), 'fleet-apy', y.apy) : ''}
      ${stat('GPUs', String(inScope.length), 'fleet-gpus', inScope.length)}
    </section>
    ${
      several
        ? `<section class="card"><h2>Revenue and yield by chain</h2><div class="scroll"><table data-testid="chain-yields"><thead><tr><th>chain</th><th>net revenue</th><th>APR</th><th>APY</th></tr></thead><tbody>${yieldChains
            .map((c) => {
              const r = yields[`y${c}`]
              return `<tr data-chain="${c}"><td>${esc(chainName(c))}</td><td class="n" data-col="net" data-value="${r.net}">${money(r.net, r.assetInfo)}</td><td class="n" data-col="apr" data-value="${r.apr ?? ''}">${pct(r.apr)}</td><td class="n">${pct(r.apy)}</td></tr>`
            })
            .join('')}</tbody></table></div></section>`
        : ''
    }
    <section class="card"><h2>Utilization per ${bucket.toLowerCase()}</h2><div id="chart" data-testid="utilization-chart"></div>
      <p class="links"><a download href="/export/gpu-utilization.csv?${csvArgs}">utilization CSV</a>
      <a download href="/export/gpu-yield.csv?${yieldArgs}">yield CSV</a></p></section>
    <section class="card"><h2>GPUs</h2><div id="table">${inScope.length ? '<p class="loading">loading…</p>' : empty('No GPU matches these filters.')}</div></section>`

  for (const sel of el.querySelectorAll<HTMLSelectElement>('select[data-filter]')) {
    sel.onchange = () => go({ [sel.dataset.filter!]: sel.value })
  }
  wireBucketButtons(el, go)

  const points = fleet.u.points as { bucketStart: string; utilization: number | null }[]
  if (points.some((p) => p.utilization != null)) {
    lineChart(
      el.querySelector('#chart')!,
      points.map((p) => Date.parse(p.bucketStart) / 1000),
      [{ label: 'utilization', values: points.map((p) => p.utilization), color: '#e07a1f' }],
      { unit: 'percent' },
    )
  } else el.querySelector('#chart')!.innerHTML = empty('No usage in this window.')

  if (!inScope.length) return
  // Every GPU's utilization and yield in one request (one statement on the server).
  const rows: Record<string, any> = {}
  const d = await gql(
    `query($scope: GpuScope!, $from: DateTime!, $to: DateTime!) {
      gpuBreakdown(scope: $scope, from: $from, to: $to) { chainId gpuId assetInfo { symbol decimals } utilization net apr apy } }`,
    { scope, from: ctx.from, to: ctx.to },
  )
  // keyed as the GPUs' ids are: <chainId>:<gpuId>
  const byId = new Map(
    (d.gpuBreakdown as { chainId: number; gpuId: string }[]).map((r) => [`${r.chainId}:${r.gpuId}`, r]),
  )
  for (const g of inScope) {
    const r = byId.get(g.id) as any
    rows[g.id] = {
      ...g,
      utilization: r?.utilization ?? null,
      net: r?.net ?? '0',
      assetInfo: r?.assetInfo ?? (g as any).valuationAssetInfo ?? null,
      apr: r?.apr ?? null,
      apy: r?.apy ?? null,
    }
  }
  if (ctx.stale()) return
  const sortKey = ['id', 'sku', 'region', 'utilization', 'net', 'apr', 'apy'].includes(state.sort) ? state.sort : 'id'
  const dir = state.dir === 'desc' ? -1 : 1
  const value = (r: any) =>
    sortKey === 'id'
      ? r.chainId * 1e12 + Number(r.gpuId)
      : sortKey === 'net'
        ? Number(BigInt(r.net))
        : (r[sortKey] ?? -Infinity)
  const list = Object.values(rows).sort((a, b) => (value(a) < value(b) ? -dir : value(a) > value(b) ? dir : 0))
  const th = (key: string, label: string) =>
    `<th><a href="${urlOf({ ...state, sort: key, dir: sortKey === key && dir === 1 ? 'desc' : 'asc' })}" data-sort="${key}">${label}${sortKey === key ? (dir === 1 ? ' ▲' : ' ▼') : ''}</a></th>`
  el.querySelector('#table')!.innerHTML = `<div class="scroll"><table data-testid="gpu-table"><thead><tr>
      ${th('id', 'GPU')}${several ? '<th>chain</th>' : ''}${th('sku', 'SKU')}${th('region', 'region')}<th>status</th>${th('utilization', 'utilization')}${th('net', 'net revenue')}${th('apr', 'APR')}${th('apy', 'APY')}
    </tr></thead><tbody>${list
      .map(
        (r) => `<tr data-gpu="${r.gpuId}" data-chain="${r.chainId}">
        <td><a href="${urlOf({ view: 'gpu', id: r.id, from: state.from, to: state.to, chain: state.chain ?? '' })}">#${r.gpuId}</a></td>
        ${several ? `<td>${esc(chainName(r.chainId))}</td>` : ''}<td>${esc(r.sku)}</td><td>${esc(r.region)}</td><td>${r.status.toLowerCase()}</td>
        <td class="n" data-col="utilization" data-value="${r.utilization ?? ''}">${pct(r.utilization)}</td>
        <td class="n" data-col="net" data-value="${r.net}">${money(r.net, r.assetInfo)}</td>
        <td class="n" data-col="apr" data-value="${r.apr ?? ''}">${pct(r.apr)}</td>
        <td class="n" data-col="apy" data-value="${r.apy ?? ''}">${pct(r.apy)}</td></tr>`,
      )
      .join('')}</tbody></table></div>`
}
