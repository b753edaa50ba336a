import fs from 'node:fs'
import { redactUrl } from '../config/redact'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import { apiEnv, databaseUrlOf, type DemoEnv, demoEnv, PROJECT_ROOT } from '../config/env'
import type { NetworkConfig } from '../config/network'
import { ConfigError } from '../config/errors'
import { startEmbeddedPostgres, ensureDatabase, type EmbeddedDb } from '../postgres/embedded'
import { startAnvil, type Anvil } from './anvil'
import { DEMO_CHAIN_ID, type Deployment, networkConfigFor, writeNetworkConfig } from './deploy'
import { spawnNode, stopLeftovers, running, type Child } from './procs'
import { DEMO_START, simulate } from './simulate'
import { TxBatch } from './txbatch'
import { newestIndexedBlock, stateSchemaOf } from '../sdk/status'

/**
 * `npm start`: local chain -> deploy -> demo economy -> Postgres -> processor -> API, then wait for
 * Ctrl-C and stop everything in reverse order (API and processor before the database they use).
 */

const DB_NAME = 'squid'

async function main() {
  const env = demoEnv()
  const api = apiEnv()
  const t0 = Date.now()
  const say = (msg: string) => console.log(`[start] ${msg}`)
  const logDir = path.join(env.dataDir, 'logs')
  fs.mkdirSync(logDir, { recursive: true })
  const pidFile = path.join(env.dataDir, 'run.json')
  stopLeftovers(pidFile, ['anvil', 'lib/processor/main.js', 'lib/api/main.js'])

  let anvils: Anvil[] = []
  let db: EmbeddedDb | undefined
  const children: Child[] = []
  let stopping = false
  const shutdown = async (code: number) => {
    if (stopping) return
    stopping = true
    say('stopping...')
    for (const c of [...children].reverse()) await c.stop()
    await db?.stop().catch(() => {})
    for (const a of anvils) await a.stop()
    fs.rmSync(pidFile, { force: true })
    say('stopped')
    process.exit(code)
  }
  process.once('SIGINT', () => void shutdown(0))
  process.once('SIGTERM', () => void shutdown(0))
  process.once('SIGHUP', () => void shutdown(0))

  try {
    const chains = demoChains(env)
    for (const c of chains) await assertPortFree(c.port, c.portName)
    await assertPortFree(api.port, 'GQL_PORT')
    const played: PlayedChain[] = []
    for (const c of chains) played.push(await playChain(c, env.dataDir, say, (a) => (anvils = [...anvils, a])))
    const networkFiles = played.map(({ spec, anvil, demo }) => {
      const file = path.join(PROJECT_ROOT, 'config', 'networks', spec.file)
      writeNetworkConfig(
        file,
        networkConfigFor(demo.deployment, anvil.url, 5, {
          chainId: spec.chainId,
          name: spec.name,
          resolve: spec.resolve,
        }),
      )
      return file
    })
    say(`contracts in ${networkFiles.map((f) => path.relative(PROJECT_ROOT, f)).join(' and ')}`)

    let databaseUrl = databaseUrlOf(process.env)
    if (!databaseUrl) {
      await assertPortFree(env.pgPort, 'PG_PORT')
      db = await startEmbeddedPostgres({ dataDir: path.join(env.dataDir, 'postgres'), port: env.pgPort })
      databaseUrl = db.url.replace(/\/postgres$/, `/${DB_NAME}`)
      await rebuildIfNotOnChain(databaseUrl, played, say)
      say(`embedded Postgres at ${databaseUrl}, data in ${db.dataDir}`)
    }

    // one processor per chain (the supervisor runs a worker for each file), one API for both
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NETWORK_CONFIG: networkFiles.join(','),
      DATABASE_URL: databaseUrl,
      GQL_PORT: String(api.port),
    }
    delete childEnv.RPC_URL
    const echo = (line: string) => console.log(line)
    // Until the head is indexed, the demo's deliberately malformed logs are counted, not printed:
    // one line sums them up below. After that, a rejected log (one you sent) is shown as it comes.
    let startingUp = true
    let rejectedAtStart = 0
    const quietProcessor = (line: string) => {
      if (startingUp && line.includes('"msg":"rejected log: ')) return void rejectedAtStart++
      if (!/"level":2,/.test(line) || /blocks\/sec|prometheus/.test(line)) echo(line)
    }
    children.push(
      spawnNode(
        'processor',
        path.join(PROJECT_ROOT, 'lib', 'processor', 'main.js'),
        childEnv,
        path.join(logDir, 'processor.log'),
        quietProcessor,
      ),
    )
    children.push(
      spawnNode('api', path.join(PROJECT_ROOT, 'lib', 'api', 'main.js'), childEnv, path.join(logDir, 'api.log'), echo),
    )
    fs.writeFileSync(
      pidFile,
      JSON.stringify({
        anvil: anvils.map((a) => a.process.pid),
        ...Object.fromEntries(children.map((c) => [c.name, c.proc.pid])),
      }),
    )
    for (const c of children) {
      c.proc.once('exit', (code) => {
        if (!stopping) {
          say(`${c.name} exited unexpectedly (code ${code}); see ${path.join(logDir, `${c.name}.log`)}`)
          void shutdown(1)
        }
      })
    }

    const base = `http://${api.host}:${api.port}`
    const heads = new Map<number, number>()
    for (const p of played) heads.set(p.spec.chainId, Number(await p.chain.rpc<string>('eth_blockNumber', [])))
    const health = await waitForHeads(base, heads, children)
    startingUp = false
    if (rejectedAtStart > 0)
      say(
        `${rejectedAtStart} logs were rejected, as the demo intends: it emits every kind of malformed event once. ` +
          `Each is kept with its reason: { rejectedEvents { nodes { eventName reason } } }, or ${path.join(logDir, 'processor.log')}`,
      )
    const at = health.chains.map((c) => `${c.name} at block ${c.indexedHeight}`).join(', ')
    say(`indexed to the chain heads (${at}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    console.log(`
  Dashboard               ${base}/
  GraphQL API + IDE       ${base}/graphql
  Health                  ${base}/health
${played.map((p) => `  Local chain (RPC)       ${p.anvil.url}   (chain id ${p.spec.chainId}, ${p.spec.role})`).join('\n')}
  Database                ${db ? `${databaseUrl}   (psql accepts it; local only)` : redactUrl(databaseUrl)}
  Logs                    ${logDir}

Press Ctrl-C to stop everything.`)
  } catch (e) {
    if (e instanceof ConfigError) console.error(`configuration error: ${e.message}`)
    else console.error(`[start] failed: ${(e as Error).message ?? e}`)
    await shutdown(e instanceof ConfigError ? 2 : 1)
  }
}

async function assertPortFree(port: number, name: string) {
  await new Promise<void>((resolve, reject) => {
    const s = net.createServer()
    s.once('error', () => reject(new ConfigError(name, `port ${port} is already in use (set ${name} to another port)`)))
    s.listen(port, '127.0.0.1', () => s.close(() => resolve()))
  })
}

/**
 * The demo's two chains: the whole economy on a "compute" chain, and a smaller one on a "models"
 * chain whose training runs cite GPUs of the compute chain (its network file resolves GPU
 * references there), so lineage crosses chains; both have GPU 1, model 1 and the same dataset ids,
 * which stay two things everywhere (docs/processor.md, "Many chains").
 */
interface DemoChain {
  chainId: number
  name: string
  role: string
  port: number
  portName: string
  /** under DATA_DIR: the saved chain and what was played on it */
  dir: string
  /** the network file under config/networks */
  file: string
  seed: number
  size: DemoEnv['size']
  resolve?: NetworkConfig['resolve']
}

export const MODELS_CHAIN_ID = 31338

function demoChains(env: DemoEnv): DemoChain[] {
  return [
    {
      chainId: DEMO_CHAIN_ID,
      name: 'compute',
      role: 'compute: the whole economy',
      port: env.anvilPort,
      portName: 'ANVIL_PORT',
      dir: 'chain',
      file: 'local.json',
      seed: env.seed,
      size: env.size,
    },
    {
      chainId: MODELS_CHAIN_ID,
      name: 'models',
      role: 'models and data: runs cite GPUs of chain 31337',
      port: env.anvilPort + 1,
      portName: 'ANVIL_PORT (+1, the second chain)',
      dir: `chain-${MODELS_CHAIN_ID}`,
      file: `local-${MODELS_CHAIN_ID}.json`,
      seed: env.seed + 1,
      size: 'small',
      resolve: { gpusOnChain: DEMO_CHAIN_ID, datasetsOnChain: MODELS_CHAIN_ID },
    },
  ]
}

interface PlayedChain {
  spec: DemoChain
  anvil: Anvil
  chain: TxBatch
  demo: PlayedDemo
}

/**
 * One demo chain: resumed from DATA_DIR/<dir> when it holds the same demo, else started anew and the
 * demo economy played on it. Its anvil is handed to `started` as soon as it runs (stopped at exit).
 */
async function playChain(
  spec: DemoChain,
  dataDir: string,
  say: (m: string) => void,
  started: (a: Anvil) => void,
): Promise<PlayedChain> {
  // The chain lives in DATA_DIR/<dir>: what a user sent to it is there at the next start.
  const chainDir = path.join(dataDir, spec.dir)
  const stateFile = path.join(chainDir, 'state.json')
  const demoFile = path.join(chainDir, 'demo.json')
  fs.mkdirSync(chainDir, { recursive: true })
  let demo = readDemo(demoFile)
  if (demo && !fs.existsSync(stateFile)) {
    say(`the saved chain (${stateFile}) is gone: playing the demo again on a new chain`)
    demo = null
  } else if (demo && (demo.seed !== spec.seed || demo.size !== spec.size)) {
    say(
      `the saved chain is a ${demo.size} demo with seed ${demo.seed}: starting a new ${spec.size} one with seed ${spec.seed}`,
    )
    demo = null
  }
  if (!demo) for (const f of [stateFile, demoFile]) fs.rmSync(f, { force: true })
  const options = { port: spec.port, genesisTimestamp: DEMO_START, stateFile, chainId: spec.chainId }
  const anvil = await startAnvil(options).catch(async (e) => {
    if (!demo) throw e
    say(`the saved chain in ${stateFile} could not be loaded (${(e as Error).message}); starting a new one`)
    demo = null
    fs.rmSync(stateFile, { force: true })
    return startAnvil(options)
  })
  started(anvil)
  const chain = new TxBatch(anvil.url)
  if (demo) {
    const head = Number(await chain.rpc<string>('eth_blockNumber', []))
    say(
      `${spec.name} chain (anvil, chain id ${spec.chainId}) at ${anvil.url}, resumed from ${stateFile} at block ${head} ` +
        `(the ${demo.size} demo, seed ${demo.seed}, ended at block ${demo.headBlock}${head > demo.headBlock ? '; the blocks after it are yours' : ''})`,
    )
  } else {
    say(`${spec.name} chain (anvil, chain id ${spec.chainId}) at ${anvil.url}`)
    const sim = await simulate(chain, { seed: spec.seed, size: spec.size })
    demo = { seed: spec.seed, size: spec.size, deployment: sim.deployment, headBlock: sim.headBlock, txs: sim.txs }
    fs.writeFileSync(demoFile, JSON.stringify(demo, null, 1))
    say(
      `demo economy played on ${spec.name} (${spec.size}, seed ${spec.seed}): ${sim.txs} transactions in ${sim.headBlock} blocks`,
    )
  }
  await chain.rpc('evm_setAutomine', [true]) // from here on, transactions you send are mined at once
  return { spec, anvil, chain, demo }
}

/** What `npm start` played on the saved chain (DATA_DIR/chain/demo.json). */
interface PlayedDemo {
  seed: number
  size: string
  deployment: Deployment
  headBlock: number
  txs: number
}

function readDemo(file: string): PlayedDemo | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as PlayedDemo
  } catch {
    return null
  }
}

/**
 * The index must describe these chains: each chain's newest indexed block (hot or final) must be the
 * chain's block at that height. A chain whose index does not match (it was replaced, or lost blocks
 * that were indexed) has its rows removed and is indexed again; the other chain keeps its index (a
 * resumed chain no longer holds the state of its old blocks, so it could not be read again). A
 * database of an older, single-chain version is dropped whole. One line says why.
 */
async function rebuildIfNotOnChain(databaseUrl: string, chains: PlayedChain[], say: (m: string) => void) {
  await ensureDatabase(databaseUrl, DB_NAME)
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  let old = false
  try {
    for (const p of chains) {
      const newest = await newestIndexedBlock(c, p.spec.chainId)
      if (!newest) continue
      const block = await p.chain.rpc<{ hash: string } | null>('eth_getBlockByNumber', [
        `0x${Number(newest.height).toString(16)}`,
        false,
      ])
      if (block?.hash === newest.hash) continue
      say(
        `the index of the ${p.spec.name} chain ends at block ${newest.height} (${newest.hash.slice(0, 10)}…), which that chain ` +
          `${block ? `holds as ${block.hash.slice(0, 10)}…` : 'does not have'}: indexing that chain again`,
      )
      await dropChain(c, p.spec.chainId)
    }
    old = (await c.query(`SELECT to_regclass('squid_processor.status') IS NOT NULL AS old`)).rows[0].old
  } finally {
    await c.end()
  }
  if (!old) return
  say('the database holds an index of the single-chain version: rebuilding the demo database from the chains')
  const admin = new URL(databaseUrl)
  admin.pathname = '/postgres'
  const a = new pg.Client({ connectionString: admin.toString() })
  await a.connect()
  await a.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(DB_NAME)} WITH (FORCE)`)
  await a.end()
  await ensureDatabase(databaseUrl, DB_NAME)
}

/** Removes one chain from the index, in one transaction: its rows, its progress, its heartbeat. */
async function dropChain(c: pg.Client, chainId: number) {
  const tables = await c.query(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'chain_id'`,
  )
  await c.query('BEGIN')
  for (const { table_name } of tables.rows)
    await c.query(`DELETE FROM ${pg.escapeIdentifier(table_name)} WHERE chain_id = $1`, [chainId])
  await c.query(`DELETE FROM processor_heartbeat WHERE id = $1`, [String(chainId)])
  await c.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(stateSchemaOf(chainId))} CASCADE`)
  await c.query('COMMIT')
}

/** Until /health says every chain is indexed to its head (chain id -> head). */
async function waitForHeads(base: string, heads: Map<number, number>, children: Child[]) {
  for (;;) {
    if (children.some((c) => !running(c.proc))) throw new Error('a child process stopped')
    try {
      const r = await fetch(`${base}/health`)
      const h = (await r.json()) as { chains?: { chainId: number; name: string; indexedHeight: number | null }[] }
      const done = [...heads].every(([id, head]) => {
        const c = h.chains?.find((x) => x.chainId === id)
        return c?.indexedHeight != null && c.indexedHeight >= head
      })
      if (done) return h as { chains: { chainId: number; name: string; indexedHeight: number }[] }
    } catch {
      /* API not up yet */
    }
    await new Promise((r) => setTimeout(r, 300))
  }
}

void main()
