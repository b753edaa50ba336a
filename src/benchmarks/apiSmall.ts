import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { startApiServer } from '../api/server'
import { startAnvil } from '../demo/anvil'
import { networkConfigFor } from '../demo/deploy'
import { DEMO_START, simulate } from '../demo/simulate'
import { TxBatch } from '../demo/txbatch'
import { startEmbeddedPostgres } from '../postgres/embedded'
import { loadTest } from './load'
import { writeResult } from './machine'

/**
 * API latency of every analytics query and a nested entity page on the small demo economy: a real
 * anvil chain, the processor into a fresh embedded Postgres, the API, then autocannon.
 * Usage: npm run bench:api-small [-- --duration 5 --connections 1,16]
 */
const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : def
}
const DURATION = Number(arg('duration', '5'))
const CONNECTIONS = arg('connections', '1,16').split(',').map(Number)

async function main() {
  const anvil = await startAnvil({ port: 18600 + (process.pid % 300), genesisTimestamp: DEMO_START })
  const chain = new TxBatch(anvil.url)
  await chain.init()
  const sim = await simulate(chain, { seed: 7, size: 'small' })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-bench-'))
  fs.chmodSync(dir, 0o755)
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: 15500 + (process.pid % 300) })
  const cfgFile = path.join(dir, 'network.json')
  fs.writeFileSync(cfgFile, JSON.stringify({ ...networkConfigFor(sim.deployment, anvil.url), toBlock: sim.headBlock }))
  const r = spawnSync(process.execPath, [path.join(__dirname, '..', 'processor', 'main.js')], {
    env: { ...process.env, NETWORK_CONFIG: cfgFile, DATABASE_URL: db.url, PROCESSOR_PROMETHEUS_PORT: '0' },
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(r.stdout + r.stderr)
  const api = await startApiServer({ databaseUrl: db.url, port: 0 })

  const iso = (t: number) => new Date(t * 1000).toISOString()
  const from = iso(sim.start)
  const to = iso(sim.end)
  const queries = {
    gpuUtilization: `{ gpuUtilization(scope: {}, from: "${from}", to: "${to}", bucket: DAY) { utilization points { utilization } } }`,
    gpuYield: `{ gpuYield(scope: { sku: "${sim.gpus[0].sku}" }, from: "${from}", to: "${to}") { net apr apy } }`,
    vaultYield: `{ vaultYield(vault: "${sim.deployment.gpuVault}", from: "${from}", to: "${to}", bucket: DAY) { apr tvl points { pps } } }`,
    modelTokenYield: `{ modelTokenYield(token: "${sim.tokens[0]}", from: "${from}", to: "${to}") { revenuePerToken apr } }`,
    holderRevenue: `{ holderRevenue(token: "${sim.tokens[0]}", holder: "${sim.accounts[5]}") { entitled unclaimed } }`,
    modelUsage: `{ modelUsage(modelId: "1", from: "${from}", to: "${to}", bucket: DAY) { requests medianLatencySec points { requests } } }`,
    modelLineage: `{ modelLineage(modelVersionId: "${sim.ids.mvChat}") { nodes { id kind resolved } edges { from to kind } } }`,
    dataImpact: `{ dataImpact(datasetVersionId: "${sim.ids.webV1}") { modelVersions { modelVersionId path } } }`,
    modelAttribution: `{ modelAttribution(modelVersionId: "${sim.ids.mvChat}") { shares { contributor share } unattributed } }`,
    'gpus (nested page)': `{ gpus(first: 100) { totalCount nodes { id owner { id holdings { balance } } operator { id } transfers { to { id } } } } }`,
  }
  const results: object[] = []
  for (const [name, query] of Object.entries(queries)) {
    for (const connections of CONNECTIONS) {
      const r = await loadTest(api.url, query, connections, DURATION)
      const row = {
        query: name,
        connections,
        requests: r.responses,
        rps: r.rps,
        p50ms: r.p50,
        p95ms: r.p95,
        p99ms: r.p99,
        errors: r.errors,
      }
      results.push(row)
      console.log(JSON.stringify(row))
    }
  }
  await api.close()
  await db.stop()
  await anvil.stop()
  writeResult('api-small', {
    parameters: { economy: 'small (seed 7)', durationSec: DURATION, connections: CONNECTIONS, tool: 'autocannon 8' },
    results,
  })
  console.table(results)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
