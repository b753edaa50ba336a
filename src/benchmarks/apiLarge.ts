import path from 'node:path'
import { encodeAbiParameters, keccak256 } from 'viem'
import { PROJECT_ROOT } from '../config/env'
import { TxBatch } from '../demo/txbatch'
import { buildBulkChain } from './bulkChain'
import { benchApi, benchEnv, indexChain } from './harness'
import { loadTest } from './load'
import { writeResult } from './machine'

/**
 * API benchmark on a large history: 5,000 GPUs × 365 daily epochs, 100,000 contributions, a chain
 * of 1,000 fine-tuned model versions over a chain of 1,000 derived dataset versions. Each query runs
 * under autocannon at concurrency 1, 16 and 64. Beside it is the time of its SQL alone (summed per
 * request over sequential runs), so the API's own overhead is visible.
 * Usage: node lib/benchmarks/apiLarge.js [durationSec=5] [scale=1]
 */
const DAY = 86400
const START = Date.UTC(2026, 0, 1) / 1000

async function main() {
  const duration = Number(process.argv[2] ?? 5)
  const scale = Number(process.argv[3] ?? 1)
  const plan = {
    gpus: Math.round(5000 * scale),
    epochs: 365,
    contributions: Math.round(100_000 * scale),
    datasets: 1000,
    requests: Math.round(40_000 * scale),
    vaultDeposits: 2000,
    models: 10,
    tokenTransfers: 2000,
    modelVersions: 1000,
    eventsPerBlock: 5_000,
  }
  const env = await benchEnv('api-large', START - 3600, 18950)
  try {
    console.log('generating the large chain…')
    const chain = await buildBulkChain(new TxBatch(env.anvil.url), plan)
    console.log(`  ${chain.events} events in ${chain.headBlock} blocks (${(chain.generationMs / 1000).toFixed(1)} s)`)
    console.log('indexing…')
    const indexSec = indexChain(env, chain)
    console.log(`  indexed in ${indexSec.toFixed(0)} s`)
    const api = await benchApi(env)
    const iso = (t: number) => new Date(t * 1000).toISOString()
    const week = { from: iso(START + 180 * DAY), to: iso(START + 187 * DAY) }
    const year = { from: iso(START), to: iso(START + 365 * DAY) }
    // the bulk contracts' ids: keccak256(abi.encode("mv", k))
    const mv = (k: number) =>
      keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'uint256' }], ['mv', BigInt(k)]))
    const queries: Record<string, string> = {
      'gpuUtilization fleet, year by week': `{ gpuUtilization(scope: {}, from: "${year.from}", to: "${year.to}", bucket: WEEK) { utilization points { utilization } } }`,
      'gpuUtilization one GPU, week by day': `{ gpuUtilization(scope: { gpuIds: ["42"] }, from: "${week.from}", to: "${week.to}", bucket: DAY) { utilization points { utilization } } }`,
      'gpuYield fleet, week': `{ gpuYield(scope: {}, from: "${week.from}", to: "${week.to}") { net apr } }`,
      'gpuYield one GPU, year': `{ gpuYield(scope: { gpuIds: ["42"] }, from: "${year.from}", to: "${year.to}") { net apr } }`,
      'vaultYield, year by week': `{ vaultYield(vault: "${chain.contracts.gpuVaults[0]}", from: "${year.from}", to: "${year.to}", bucket: WEEK) { apr points { pps } } }`,
      'modelUsage, year by week': `{ modelUsage(modelId: "1", from: "${year.from}", to: "${year.to}", bucket: WEEK) { requests medianLatencySec } }`,
      'modelLineage depth 8 (1,000-deep chain)': `{ modelLineage(modelVersionId: "${mv(999)}") { nodes { id } edges { kind } } }`,
      modelAttribution: `{ modelAttribution(modelVersionId: "${mv(999)}") { shares { share } unattributed } }`,
      'dataImpact from a contributor': `{ dataImpact(contributor: "${chain.contributor}") { modelVersions { modelVersionId } } }`,
      'gpus page of 100, nested': `{ gpus(first: 100, orderBy: VALUATION, direction: DESC) { totalCount nodes { id owner { id } operator { id } } } }`,
      'contributions page of 100': `{ contributions(first: 100, filter: { revoked: false }) { nodes { id items version { id } contributor { id } } } }`,
    }
    const results: Record<string, unknown>[] = []
    // Pass 1, before any load: each query alone, 10 times in a row, its SQL time summed by the pool hook.
    const N = 10
    for (const [name, query] of Object.entries(queries)) {
      const r = await api.alone(query, N)
      // a refused query (a limit) is a result too: recorded, not load-tested
      results.push(
        'error' in r ? { query: name, error: r.error } : { query: name, sqlMs: r.sqlMs, requestMs: r.requestMs },
      )
      console.log(JSON.stringify(results.at(-1)))
    }
    // Pass 2: autocannon at each concurrency, after the previous load has drained.
    for (const row of results) {
      if (row.error) continue
      const query = queries[row.query as string]
      for (const connections of [1, 16, 64]) {
        await api.quiet(6000)
        row[`c${connections}`] = await loadTest(api.url, query, connections, duration)
      }
      console.log(JSON.stringify(row))
    }
    await api.close()
    console.table(
      results
        .filter((r: any) => !r.error)
        .map((r: any) => ({
          query: r.query,
          sqlMs: r.sqlMs,
          'c1 p50/p95': `${r.c1.p50}/${r.c1.p95}`,
          'c16 p50/p95': `${r.c16.p50}/${r.c16.p95}`,
          'c64 p50/p95': `${r.c64.p50}/${r.c64.p95}`,
          'c16 rps': r.c16.rps,
          errors: r.c1.errors + r.c16.errors + r.c64.errors,
        })),
    )
    const file = writeResult(`api-large${scale === 1 ? '' : `-x${scale}`}`, {
      parameters: { plan, durationSec: duration, connections: [1, 16, 64], tool: 'autocannon 8', sqlRuns: N },
      dataset: { events: chain.events, blocks: chain.headBlock + 1, indexSec: Math.round(indexSec) },
      results,
    })
    console.log(`written ${path.relative(PROJECT_ROOT, file)}`)
  } finally {
    await env.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
