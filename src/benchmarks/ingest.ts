import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { PROJECT_ROOT } from '../config/env'
import { TxBatch } from '../demo/txbatch'
import {
  BULK_SCENARIOS as SCENARIOS,
  buildBulkChain,
  buildMainnetChain,
  scaledPlan,
  type BulkChain,
  type BulkPlan,
  type MainnetPlan,
} from './bulkChain'
import { WORKER_ENV } from '../processor/supervisor'
import { benchEnv, networkFile } from './harness'
import { writeResult } from './machine'

/**
 * Ingestion benchmark: a bulk chain of valid events across all domains, indexed from block 0 to the
 * head by (1) our processor, (2) a fetch-and-decode run that stores nothing, (3) a minimal
 * insert-only squid. Each run gets a fresh database; chain generation is timed apart.
 * `mainnet`: a chain of mostly foreign traffic (bulkChain.ts, buildMainnetChain), where what counts is
 * the logs the subscription hands over per log of ours, before and after following by address.
 * Usage: node lib/benchmarks/ingest.js [dense|sparse|mixed|mainnet] [scale=1]
 */
// ≈ 2,000 blocks of 340 foreign logs (40 ERC-20s × 7 transfers, 10 pairs × 3 swaps), ours in 1 block of 50
const MAINNET: MainnetPlan = { blocks: 2000, tokens: 40, pairs: 10, perToken: 7, perPair: 3, oursEvery: 50 }

interface Run {
  /** our processor only: milliseconds per phase over the whole run (from its last progress line) */
  phasesMs?: Record<string, number>
  wallSec: number
  events: number
  blocks: number
  eventsPerSec: number
  blocksPerSec: number
  peakRssMiB: number
  dbSizeMiB: number
  /** our processor: logs its handler received (in committed batches), and per log of ours */
  logsReceived?: number
  logsPerOurs?: number
  restarts?: number
  /** with DEAI_BENCH_PG_STATEMENTS=1: where Postgres spent its time (pg_stat_statements) */
  postgres?: PostgresProfile
}

interface PostgresProfile {
  statements: number
  execMs: number
  /** the statements that took the most time, with their calls, rows and milliseconds */
  top: { calls: number; rows: number; ms: number; query: string }[]
}

const STATEMENT_STATS = process.env.DEAI_BENCH_PG_STATEMENTS === '1'

/** The run's statements in one database, from pg_stat_statements (reset before the run). */
async function postgresProfile(adminUrl: string, db: string): Promise<PostgresProfile> {
  const c = new pg.Client({ connectionString: adminUrl })
  await c.connect()
  try {
    const where = `WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1)`
    const total = await c.query(
      `SELECT coalesce(sum(calls), 0)::int AS n, coalesce(sum(total_exec_time), 0)::float AS ms FROM pg_stat_statements ${where}`,
      [db],
    )
    const top = await c.query(
      `SELECT calls::int, rows::int, round(total_exec_time::numeric, 1)::float AS ms,
              left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
         FROM pg_stat_statements ${where} ORDER BY total_exec_time DESC LIMIT 12`,
      [db],
    )
    return { statements: total.rows[0].n, execMs: Math.round(total.rows[0].ms), top: top.rows }
  } finally {
    await c.end()
  }
}

/**
 * Runs a node script to completion, sampling its peak RSS (VmHWM) from /proc. `restarts`: how many
 * times our processor replaced its subscription to follow new addresses (its "following" lines).
 */
async function timed(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ sec: number; rssMiB: number; out: string; restarts: number }> {
  const t0 = process.hrtime.bigint()
  const r = await once(script, args, env)
  if (r.code !== 0)
    throw new Error(`${path.basename(script)} ${args.join(' ')} exited ${r.code}:\n${r.out.slice(-3000)}`)
  const restarts = r.out.split('\n').filter((l) => l.includes('following new addresses')).length
  return { sec: Number(process.hrtime.bigint() - t0) / 1e9, rssMiB: Math.round(r.rssKiB / 1024), out: r.out, restarts }
}

async function once(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; rssKiB: number; out: string }> {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (b) => (out += b))
  child.stderr.on('data', (b) => (out += b))
  let peak = 0
  const sample = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))
      if (m) peak = Math.max(peak, Number(m[1]))
    } catch {
      // exited
    }
  }, 100)
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)))
  clearInterval(sample)
  return { code, rssKiB: peak, out }
}

/** The logs our handler received, from the line the processor writes when it reaches toBlock. */
function logsReceivedOf(out: string): number {
  let n = 0
  for (const l of out.split('\n')) {
    if (!l.startsWith('{') || !l.includes('logsReceived')) continue
    try {
      n += JSON.parse(l).logsReceived ?? 0
    } catch {
      // not ours
    }
  }
  return n
}

/** The phase totals of the last progress line that has them (our processor with DEAI_PROFILE). */
function phasesOf(out: string): { phasesMs?: Record<string, number> } {
  const lines = out.split('\n').filter((l) => l.includes('"phasesMs"'))
  if (!lines.length) return {}
  try {
    return { phasesMs: JSON.parse(lines[lines.length - 1]).phasesMs }
  } catch {
    return {}
  }
}

async function main() {
  const scenario = process.argv[2] ?? 'dense'
  const scale = Number(process.argv[3] ?? 1)
  const base = SCENARIOS[scenario]
  if (!base && scenario !== 'mainnet')
    throw new Error(`scenario must be one of ${[...Object.keys(SCENARIOS), 'mainnet'].join(', ')}`)
  const plan: BulkPlan | MainnetPlan = base
    ? scaledPlan(base, scale)
    : { ...MAINNET, blocks: Math.round(MAINNET.blocks * scale) }

  const env = await benchEnv('ingest', Date.UTC(2026, 0, 1) / 1000 - 3600, 18900, { keep: true })
  const { work, anvil, pg: pgServer } = env
  try {
    console.log(`generating the ${scenario} chain (scale ${scale})…`)
    const chain: BulkChain & { foreign?: number } = base
      ? await buildBulkChain(new TxBatch(anvil.url), plan as BulkPlan)
      : await buildMainnetChain(new TxBatch(anvil.url), plan as MainnetPlan)
    console.log(
      `  ${chain.events} events in ${chain.headBlock} blocks, generated in ${(chain.generationMs / 1000).toFixed(1)} s`,
    )
    const cfgFile = networkFile(env, chain)

    const runs: Record<string, Run> = {}
    const lib = path.join(PROJECT_ROOT, 'lib')
    const tokens = chain.tokens.join(',')
    const variants: [string, string, string[], Record<string, string>][] = [
      ['deai-squid processor', path.join(lib, 'processor', 'main.js'), [], {}],
      ...(scenario === 'mainnet'
        ? [
            [
              'deai-squid processor, before (token topics from every address)',
              path.join(lib, 'processor', 'main.js'),
              [],
              { DEAI_TOKEN_WILDCARD: '1' },
            ] as [string, string, string[], Record<string, string>],
          ]
        : []),
      ['fetch + decode, no store', path.join(lib, 'benchmarks', 'baselines.js'), ['fetch', tokens], {}],
      ['insert-only squid (SDK store)', path.join(lib, 'benchmarks', 'baselines.js'), ['peer', tokens], {}],
      [
        'insert-only squid, with our SDK speed patches',
        path.join(lib, 'benchmarks', 'baselines.js'),
        ['peer', tokens],
        { BASELINE_SDK: 'ours' },
      ],
    ]
    for (const [name, script, args, extra] of variants) {
      const db = `b_${Object.keys(runs).length}`
      const admin = new pg.Client({ connectionString: pgServer.url })
      await admin.connect()
      await admin.query(`CREATE DATABASE ${db}`)
      if (STATEMENT_STATS) {
        await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
        await admin.query('SELECT pg_stat_statements_reset()')
      }
      await admin.end()
      const url = pgServer.url.replace(/\/[^/]*$/, `/${db}`)
      console.log(`indexing with: ${name}`)
      const r = await timed(script, args, {
        NETWORK_CONFIG: cfgFile,
        DATABASE_URL: url,
        PROCESSOR_PROMETHEUS_PORT: '0',
        DEAI_PROFILE: '1',
        // our processor runs as the worker alone (no supervisor), so the RSS sampled is its own
        [WORKER_ENV]: '1',
        ...extra,
      })
      fs.writeFileSync(path.join(work, `${db}.log`), r.out)
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      const size = Number((await c.query(`SELECT pg_database_size(current_database()) AS s`)).rows[0].s)
      await c.end()
      runs[name] = {
        wallSec: Number(r.sec.toFixed(2)),
        events: chain.events,
        blocks: chain.headBlock + 1,
        eventsPerSec: Math.round(chain.events / r.sec),
        blocksPerSec: Math.round((chain.headBlock + 1) / r.sec),
        peakRssMiB: r.rssMiB,
        dbSizeMiB: Math.round(size / 2 ** 20),
        ...(script.endsWith('main.js')
          ? {
              logsReceived: logsReceivedOf(r.out),
              logsPerOurs: Number((logsReceivedOf(r.out) / chain.events).toFixed(3)),
              restarts: r.restarts,
            }
          : {}),
        ...phasesOf(r.out),
        ...(STATEMENT_STATS ? { postgres: await postgresProfile(pgServer.url, db) } : {}),
      }
      console.log(`  ${JSON.stringify(runs[name])}`)
    }
    console.table(Object.fromEntries(Object.entries(runs).map(([k, { phasesMs: _p, postgres: _s, ...v }]) => [k, v])))
    const ours = runs['deai-squid processor']
    const peer = runs['insert-only squid (SDK store)']
    const patched = runs['insert-only squid, with our SDK speed patches']
    const file = writeResult(`ingest-${scenario}${scale === 1 ? '' : `-x${scale}`}`, {
      parameters: {
        scenario,
        scale,
        plan,
        finalityConfirmation: 1,
        note: 'wall time includes process start and migrations',
      },
      chain: {
        events: chain.events,
        blocks: chain.headBlock + 1,
        generationSec: chain.generationMs / 1000,
        counts: chain.counts,
        ...(chain.foreign != null ? { foreignLogs: chain.foreign } : {}),
      },
      runs,
      ratioToPeer: Number((ours.eventsPerSec / peer.eventsPerSec).toFixed(2)),
      blocksPerSecRatioToPeer: Number((ours.blocksPerSec / peer.blocksPerSec).toFixed(2)),
      // against the same squid given our fetch path: what our handler itself costs
      ratioToPatchedPeer: Number((ours.blocksPerSec / patched.blocksPerSec).toFixed(2)),
    })
    console.log(`written ${path.relative(PROJECT_ROOT, file)}; logs in ${work}`)
  } finally {
    await env.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
