import path from 'node:path'
import { PROJECT_ROOT } from '../config/env'
import { RESPONSE_CACHE_BYTES } from '../api/server'
import { TxBatch } from '../demo/txbatch'
import { buildBulkChain } from './bulkChain'
import { benchApi, benchEnv, indexChain } from './harness'
import { largePlan, largeQueries, START } from './largeHistory'
import { loadTest } from './load'
import { writeResult } from './machine'

/**
 * The response cache on the large history (docs/api.md, "Response cache"): each analytics query
 * under autocannon at concurrency 16, against one API without the cache and one with it (the
 * baseline and the cached run in the same process, one after the other, alternating which goes
 * first). Nothing is indexed during the run, so after its first answer every cached request is a
 * hit: this is the best case, a dashboard many people look at between two blocks.
 * Usage: node lib/benchmarks/cache.js [durationSec=5] [scale=1]
 */
async function main() {
  const duration = Number(process.argv[2] ?? 5)
  const scale = Number(process.argv[3] ?? 1)
  const plan = largePlan(scale)
  const env = await benchEnv('cache', START - 3600, 18960)
  try {
    console.log('generating the large chain…')
    const chain = await buildBulkChain(new TxBatch(env.anvil.url), plan)
    console.log(`  ${chain.events} events in ${chain.headBlock} blocks`)
    const indexSec = indexChain(env, chain)
    console.log(`  indexed in ${indexSec.toFixed(0)} s`)
    const uncached = await benchApi(env)
    const cached = await benchApi(env, { cacheBytes: RESPONSE_CACHE_BYTES })
    const results: Record<string, unknown>[] = []
    let i = 0
    for (const [name, query] of Object.entries(largeQueries(chain))) {
      const row: Record<string, any> = { query: name }
      const order = i++ % 2 === 0 ? (['uncached', 'cached'] as const) : (['cached', 'uncached'] as const)
      for (const which of order) {
        const api = which === 'cached' ? cached : uncached
        await api.quiet(3000)
        row[which] = await loadTest(api.url, query, 16, duration)
      }
      row.p50Ratio = Number((row.uncached.p50 / row.cached.p50).toFixed(1))
      results.push(row)
      console.log(JSON.stringify(row))
    }
    await uncached.close()
    await cached.close()
    console.table(
      results.map((r: any) => ({
        query: r.query,
        'uncached p50/p95': `${r.uncached.p50}/${r.uncached.p95}`,
        'cached p50/p95': `${r.cached.p50}/${r.cached.p95}`,
        'uncached rps': r.uncached.rps,
        'cached rps': r.cached.rps,
        errors: r.uncached.errors + r.cached.errors,
      })),
    )
    const file = writeResult(`cache${scale === 1 ? '' : `-x${scale}`}`, {
      parameters: { plan, durationSec: duration, connections: 16, tool: 'autocannon 8' },
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
