import path from 'node:path'
import { PROJECT_ROOT } from '../config/env'
import { TxBatch } from '../demo/txbatch'
import { buildBulkChain } from './bulkChain'
import { largePlan, largeQueries, START } from './largeHistory'
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

async function main() {
  const duration = Number(process.argv[2] ?? 5)
  const scale = Number(process.argv[3] ?? 1)
  const plan = largePlan(scale)
  const env = await benchEnv('api-large', START - 3600, 18950)
  try {
    console.log('generating the large chain…')
    const chain = await buildBulkChain(new TxBatch(env.anvil.url), plan)
    console.log(`  ${chain.events} events in ${chain.headBlock} blocks (${(chain.generationMs / 1000).toFixed(1)} s)`)
    console.log('indexing…')
    const indexSec = indexChain(env, chain)
    console.log(`  indexed in ${indexSec.toFixed(0)} s`)
    const api = await benchApi(env)
    const queries = largeQueries(chain)
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
