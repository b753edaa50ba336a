import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import autocannon from 'autocannon'
import { encodeAbiParameters, keccak256 } from 'viem'
import { PROJECT_ROOT } from '../config/env'
import { startAnvil } from '../demo/anvil'
import { startEmbeddedPostgres } from '../db/embedded'
import { TxBatch } from '../demo/txbatch'
import { startApiServer } from '../api/server'
import { buildBulkChain } from './bulkChain'
import { writeResult } from './machine'

/**
 * API benchmark on a large history: 5,000 GPUs × 365 daily epochs, 100,000 contributions, a chain
 * of 1,000 fine-tuned model versions over a chain of 1,000 derived dataset versions. Each query runs
 * under autocannon at concurrency 1, 16 and 64. Beside it is the time of its SQL alone (summed per
 * request over sequential runs), so the API's own overhead is visible.
 * Usage: node lib/bench/apiLarge.js [durationSec=5] [scale=1]
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
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-bench-api-'))
  fs.chmodSync(work, 0o755)
  const anvil = await startAnvil({ port: 18950 + (process.pid % 40), genesisTimestamp: START - 3600 })
  const pg = await startEmbeddedPostgres({ dataDir: path.join(work, 'pg'), port: 15750 + (process.pid % 40) })
  try {
    console.log('generating the large chain…')
    const chain = await buildBulkChain(new TxBatch(anvil.url), plan)
    console.log(`  ${chain.events} events in ${chain.headBlock} blocks (${(chain.generationMs / 1000).toFixed(1)} s)`)
    const cfg = path.join(work, 'network.json')
    fs.writeFileSync(
      cfg,
      JSON.stringify({
        name: 'bench',
        chainId: 31337,
        rpcUrl: anvil.url,
        gatewayUrl: null,
        finalityConfirmation: 1,
        fromBlock: 0,
        toBlock: chain.headBlock,
        contracts: chain.contracts,
      }),
    )
    console.log('indexing…')
    const t0 = Date.now()
    const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'lib', 'processor', 'main.js')], {
      env: { ...process.env, NETWORK_CONFIG: cfg, DATABASE_URL: pg.url, PROCESSOR_PROMETHEUS_PORT: '0' },
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    })
    if (r.status !== 0) throw new Error(`processor exited ${r.status}:\n${(r.stdout + r.stderr).slice(-3000)}`)
    const indexSec = (Date.now() - t0) / 1000
    console.log(`  indexed in ${indexSec.toFixed(0)} s`)

    let sqlMs = 0
    let lastQueryAt = 0
    const api = await startApiServer({
      databaseUrl: pg.url,
      port: 0,
      onQuery: (_sql, ms) => {
        sqlMs += ms
        lastQueryAt = performance.now()
      },
    })
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
    const post = async (query: string) => {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      })
      return (await res.json()) as { errors?: { message: string }[] }
    }
    /** waits until no statement has finished for `ms` (requests left over from a load test drain first) */
    const quiet = async (ms: number) => {
      for (;;) {
        const before = lastQueryAt
        await new Promise((r) => setTimeout(r, ms))
        if (lastQueryAt === before) return
      }
    }
    // Pass 1, before any load: each query alone, 10 times in a row, its SQL time summed by the pool hook.
    const N = 10
    for (const [name, query] of Object.entries(queries)) {
      sqlMs = 0
      let httpMs = 0
      let error: string | undefined
      for (let i = 0; i < N && !error; i++) {
        const t = performance.now()
        const body = await post(query)
        httpMs += performance.now() - t
        if (body.errors) error = body.errors[0].message
      }
      // a refused query (a limit) is a result too: recorded, not load-tested
      results.push(
        error
          ? { query: name, error }
          : { query: name, sqlMs: Number((sqlMs / N).toFixed(2)), requestMs: Number((httpMs / N).toFixed(2)) },
      )
      console.log(JSON.stringify(results.at(-1)))
    }
    // Pass 2: autocannon at each concurrency, after the previous load has drained.
    for (const row of results) {
      if (row.error) continue
      const query = queries[row.query as string]
      for (const connections of [1, 16, 64]) {
        await quiet(6000)
        const times: number[] = []
        const out = await new Promise<autocannon.Result>((resolve, reject) => {
          const inst = autocannon(
            {
              url: `${api.url}/graphql`,
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query }),
              connections,
              duration,
              timeout: 30,
            },
            (err, res) => (err ? reject(err) : resolve(res)),
          )
          inst.on('response', (_c: unknown, _s: number, _b: number, ms: number) => times.push(ms))
        })
        times.sort((a, b) => a - b)
        const pct = (q: number) =>
          times.length ? Number(times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1)) : null
        row[`c${connections}`] = {
          responses: times.length,
          rps: Math.round(out.requests.average),
          p50: pct(0.5),
          p95: pct(0.95),
          p99: pct(0.99),
          errors: out.errors + out.non2xx,
        }
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
    await pg.stop()
    await anvil.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
