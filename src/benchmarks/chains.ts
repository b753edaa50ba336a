import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { PROJECT_ROOT } from '../config/env'
import { startAnvil } from '../demo/anvil'
import { TxBatch } from '../demo/txbatch'
import { BENCH_START, BULK_SCENARIOS, buildBulkChain, scaledPlan, type BulkChain } from './bulkChain'
import { benchEnv, networkFile } from './harness'
import { writeResult } from './machine'

/**
 * Several chains at once (bench/README.md): one bulk plan built on two anvils with different chain
 * ids, then indexed each alone into a fresh database, and both at once by one processor command
 * given both network files (one worker per chain, as `npm run processor` runs them) into one
 * database. A chain is done when its indexer_state reaches its head; "together" is both chains'
 * events over the time until the last is done. Rounds alternate so drift hits every variant.
 * Usage: node lib/benchmarks/chains.js [scenario=dense] [scale=0.25] [rounds=2]
 */
const CHAINS = [31337, 31338]

interface ChainRun {
  sec: number
  events: number
  eventsPerSec: number
}

interface Run {
  chains: Record<number, ChainRun>
  /** until the last chain is done */
  wallSec: number
  eventsPerSec: number
  /** the machine's cores busy over the run, from /proc/stat (of os.cpus().length) */
  busyCores: number
}

/** Jiffies busy and in total, summed over every core. */
function cpuTimes(): { busy: number; total: number } {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
  const total = f.reduce((a, b) => a + b, 0)
  // idle and iowait are not work
  return { busy: total - f[3] - f[4], total }
}

/** Runs the processor on `files` into `url`; each chain's time is when its indexer_state reaches its head. */
async function index(
  files: { chainId: number; file: string; chain: BulkChain }[],
  url: string,
  log: string,
): Promise<Run> {
  const cpu0 = cpuTimes()
  const t0 = performance.now()
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'lib', 'processor', 'main.js')], {
    env: {
      ...process.env,
      NETWORK_CONFIG: files.map((f) => f.file).join(','),
      DATABASE_URL: url,
      PROCESSOR_PROMETHEUS_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const out = fs.createWriteStream(log)
  child.stdout.pipe(out)
  child.stderr.pipe(out)
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)))
  const done = new Map<number, number>()
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  try {
    let code: number | null | undefined
    void exited.then((c) => (code = c))
    while (done.size < files.length) {
      const rows = await db
        .query<{ chain_id: number; indexed_height: number }>(`SELECT chain_id, indexed_height FROM indexer_state`)
        .then((r) => r.rows)
        .catch(() => []) // before the migrations
      for (const f of files)
        if (!done.has(f.chainId) && rows.some((r) => r.chain_id === f.chainId && r.indexed_height >= f.chain.headBlock))
          done.set(f.chainId, (performance.now() - t0) / 1000)
      if (code !== undefined && done.size < files.length) throw new Error(`processor exited ${code} early; see ${log}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  } finally {
    await db.end()
  }
  const wallSec = Math.max(...done.values())
  const cpu1 = cpuTimes()
  if ((await exited) !== 0) throw new Error(`processor failed; see ${log}`)
  const chains: Record<number, ChainRun> = {}
  let events = 0
  for (const f of files) {
    const sec = done.get(f.chainId)!
    chains[f.chainId] = { sec: round(sec), events: f.chain.events, eventsPerSec: Math.round(f.chain.events / sec) }
    events += f.chain.events
  }
  const busyCores = ((cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total)) * os.cpus().length
  return { chains, wallSec: round(wallSec), eventsPerSec: Math.round(events / wallSec), busyCores: round(busyCores) }
}

const round = (x: number) => Number(x.toFixed(2))
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

async function main() {
  const scenario = process.argv[2] ?? 'dense'
  const scale = Number(process.argv[3] ?? 0.25)
  const rounds = Number(process.argv[4] ?? 2)
  const base = BULK_SCENARIOS[scenario]
  if (!base) throw new Error(`scenario must be one of ${Object.keys(BULK_SCENARIOS).join(', ')}`)
  const plan = scaledPlan(base, scale)

  const env = await benchEnv('chains', BENCH_START - 3600, 19200, { keep: true })
  const second = await startAnvil({
    port: 19250 + (process.pid % 40),
    genesisTimestamp: BENCH_START - 3600,
    archive: true,
    chainId: CHAINS[1],
  })
  try {
    const sides = []
    for (const [i, chainId] of CHAINS.entries()) {
      const rpcUrl = i === 0 ? env.anvil.url : second.url
      console.log(`generating the ${scenario} chain (scale ${scale}) on chain ${chainId}…`)
      const chain = await buildBulkChain(new TxBatch(rpcUrl), plan)
      console.log(`  ${chain.events} events in ${chain.headBlock} blocks, ${(chain.generationMs / 1000).toFixed(1)} s`)
      sides.push({ chainId, chain, file: networkFile(env, chain, { chainId, rpcUrl }) })
    }

    let n = 0
    const fresh = async () => {
      const name = `c_${n++}`
      const admin = new pg.Client({ connectionString: env.pg.url })
      await admin.connect()
      await admin.query(`CREATE DATABASE ${name}`)
      await admin.end()
      return { url: env.pg.url.replace(/\/[^/]*$/, `/${name}`), log: path.join(env.work, `${name}.log`) }
    }
    const results: { alone: Record<number, Run>; together: Run }[] = []
    for (let r = 0; r < rounds; r++) {
      const alone: Record<number, Run> = {}
      // odd rounds start with both, so neither variant always runs on a cooler machine
      const order = r % 2 === 0 ? ['alone', 'together'] : ['together', 'alone']
      let together: Run | undefined
      for (const what of order) {
        if (what === 'alone') {
          for (const s of sides) {
            const db = await fresh()
            console.log(`round ${r + 1}: chain ${s.chainId} alone`)
            alone[s.chainId] = await index([s], db.url, db.log)
            console.log(`  ${JSON.stringify(alone[s.chainId])}`)
          }
        } else {
          const db = await fresh()
          console.log(`round ${r + 1}: both chains at once`)
          together = await index(sides, db.url, db.log)
          console.log(`  ${JSON.stringify(together)}`)
        }
      }
      results.push({ alone, together: together! })
    }

    const aloneEps = mean(results.flatMap((x) => CHAINS.map((c) => x.alone[c].chains[c].eventsPerSec)))
    const togetherEps = mean(results.map((x) => x.together.eventsPerSec))
    const perChainTogether = Object.fromEntries(
      CHAINS.map((c) => [c, Math.round(mean(results.map((x) => x.together.chains[c].eventsPerSec)))]),
    )
    const summary = {
      aloneEventsPerSec: Math.round(aloneEps),
      togetherEventsPerSec: Math.round(togetherEps),
      perChainTogetherEventsPerSec: perChainTogether,
      // 2.0 would be two chains as fast as one each; 1.0, no faster than one after the other
      togetherToAlone: round(togetherEps / aloneEps),
      aloneBusyCores: round(mean(results.flatMap((x) => CHAINS.map((c) => x.alone[c].busyCores)))),
      togetherBusyCores: round(mean(results.map((x) => x.together.busyCores))),
    }
    console.log(JSON.stringify(summary, null, 2))
    const file = writeResult(`chains-${scenario}${scale === 1 ? '' : `-x${scale}`}`, {
      parameters: {
        scenario,
        scale,
        plan,
        rounds,
        chains: CHAINS,
        finalityConfirmation: 1,
        note: 'times from the processor command start (process start and migrations included) to each chain reaching its head',
      },
      chain: { events: sides[0].chain.events, blocks: sides[0].chain.headBlock + 1 },
      results,
      summary,
    })
    console.log(`written ${path.relative(PROJECT_ROOT, file)}; logs in ${env.work}`)
  } finally {
    await second.stop()
    await env.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
