import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { TypeormDatabase } from '@subsquid/typeorm-store'
import * as computeLedger from '../abi/computeLedger'
import * as dataRegistry from '../abi/dataRegistry'
import * as gpuRegistry from '../abi/gpuRegistry'
import * as gpuVault from '../abi/gpuVault'
import * as inferenceRouter from '../abi/inferenceRouter'
import * as modelToken from '../abi/modelToken'
import * as modelTokenFactory from '../abi/modelTokenFactory'
import * as provenanceRegistry from '../abi/provenanceRegistry'
import { PROJECT_ROOT, processorEnv } from '../config/env'
import { exitOnError } from '../config/errors'
import { loadNetworkConfig } from '../config/network'
import { exitWhenCommitted } from '../processor/exit'
import { buildProcessor } from '../processor/processor'
import { installSdkPatches } from '../sdk'
import { stateSchemaOf } from '../sdk/status'

/**
 * The two yardsticks of the ingestion benchmark, over the same chain and subscriptions as ours:
 * - `fetch`: fetch and decode every log with the SDK, store nothing (what the store costs shows);
 * - `peer`: a minimal insert-only squid, one row per log through the SDK's default store path
 *   (`ctx.store.insert`), no domain logic: the standard way, as a ratio for our figure.
 * Both run the stock SDK (only its correctness patches: retries, decoder bounds); with
 * BASELINE_SDK=ours they get our speed patches as well (filtered log fetches, merged batches), so the
 * benchmark can tell what those patches give from what our handler costs.
 * Usage: node lib/benchmarks/baselines.js fetch|peer [token,…] (NETWORK_CONFIG, DATABASE_URL as for the
 * processor; the tokens the factory announces, which the baseline subscribes to from the start).
 */
type Decoder = { topic: string; decode(log: any): unknown }
const decoders = new Map<string, Decoder[]>()
for (const m of [
  gpuRegistry,
  computeLedger,
  gpuVault,
  modelTokenFactory,
  modelToken,
  inferenceRouter,
  dataRegistry,
  provenanceRegistry,
]) {
  for (const e of Object.values(m.events) as Decoder[]) decoders.set(e.topic, [...(decoders.get(e.topic) ?? []), e])
}

function decodeAll(log: any): boolean {
  for (const d of decoders.get(log.topics[0]) ?? []) {
    try {
      d.decode(log)
      return true
    } catch {
      // another layout of the same topic (ERC-20 vs ERC-721 Transfer)
    }
  }
  return false
}

/** The peer squid's one entity, declared with typeorm's decorators as plain calls (no codegen). */
function peerProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-peer-'))
  fs.mkdirSync(path.join(dir, 'lib', 'model'), { recursive: true })
  const typeorm = JSON.stringify(path.join(PROJECT_ROOT, 'node_modules', 'typeorm'))
  fs.writeFileSync(
    path.join(dir, 'lib', 'model', 'index.js'),
    `const t = require(${typeorm})
class BenchEvent { constructor(p) { Object.assign(this, p) } }
t.Entity('bench_event')(BenchEvent)
t.PrimaryColumn('varchar')(BenchEvent.prototype, 'id')
for (const [k, type] of [['blockNumber', 'int4'], ['logIndex', 'int4'], ['address', 'text'], ['topic0', 'text'], ['data', 'text']])
  t.Column(type)(BenchEvent.prototype, k)
module.exports = { BenchEvent }
`,
  )
  return dir
}

async function main() {
  const mode = process.argv[2]
  if (mode !== 'fetch' && mode !== 'peer') throw new Error('usage: baselines.js fetch|peer')
  const env = processorEnv()
  const config = loadNetworkConfig(env.networkConfigPath, env.rpcUrl)
  process.env.DB_URL = env.databaseUrl
  installSdkPatches({ speed: process.env.BASELINE_SDK === 'ours' })
  // the model tokens, known to the benchmark in advance: the same subscription ours reaches by following
  const tokens = (process.argv[3] ?? '').split(',').filter(Boolean)
  const followed = { tokens: new Map(tokens.map((t) => [t.toLowerCase(), 'DEAI' as const])), vaultAssets: new Map() }
  const processor = buildProcessor(config, { prometheusPort: env.prometheusPort }, followed)
  let projectDir: string | undefined
  let BenchEvent: any
  if (mode === 'peer') {
    const dir = (projectDir = peerProject())
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
    const mod = await import(pathToFileURL(path.join(projectDir, 'lib', 'model', 'index.js')).href)
    BenchEvent = mod.BenchEvent ?? mod.default.BenchEvent
    const pg = await import('pg')
    const c = new pg.default.Client({ connectionString: env.databaseUrl })
    await c.connect()
    await c.query(`CREATE TABLE IF NOT EXISTS bench_event (id varchar PRIMARY KEY, block_number int4 NOT NULL,
      log_index int4 NOT NULL, address text NOT NULL, topic0 text, data text NOT NULL)`)
    await c.end()
  }
  const db = new TypeormDatabase({ supportHotBlocks: false, projectDir, stateSchema: stateSchemaOf(config.chainId) })
  let decoded = 0
  let exiting = false
  processor.run(db, async (ctx) => {
    const rows: any[] = []
    for (const b of ctx.blocks) {
      for (const log of b.logs) {
        if (mode === 'fetch') {
          if (decodeAll(log)) decoded++
        } else {
          rows.push(
            new BenchEvent({
              id: log.id,
              blockNumber: b.header.height,
              logIndex: log.logIndex,
              address: log.address,
              topic0: log.topics[0],
              data: log.data,
            }),
          )
        }
      }
    }
    if (rows.length) await ctx.store.insert(rows)
    const last = ctx.blocks.at(-1)
    if (config.toBlock != null && !exiting && last && last.header.height >= config.toBlock) {
      exiting = true
      if (mode === 'fetch') console.log(JSON.stringify({ level: 'info', msg: 'decoded', logs: decoded }))
      void exitWhenCommitted(env.databaseUrl!, config.chainId, config.toBlock)
    }
  })
}

main().catch(exitOnError)
