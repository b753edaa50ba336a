import fs from 'node:fs'
import { redactUrl } from '../config/redact'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import { apiEnv, databaseUrlOf, demoEnv, PROJECT_ROOT } from '../config/env'
import { ConfigError } from '../config/errors'
import { startEmbeddedPostgres, ensureDatabase, type EmbeddedDb } from '../postgres/embedded'
import { startAnvil, type Anvil } from './anvil'
import { DEMO_CHAIN_ID, type Deployment, networkConfigFor, writeNetworkConfig } from './deploy'
import { spawnNode, stopLeftovers, running, type Child } from './procs'
import { DEMO_START, simulate } from './simulate'
import { TxBatch } from './txbatch'
import { newestIndexedBlock } from '../sdk/status'

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

  let anvil: Anvil | undefined
  let db: EmbeddedDb | undefined
  const children: Child[] = []
  let stopping = false
  const shutdown = async (code: number) => {
    if (stopping) return
    stopping = true
    say('stopping...')
    for (const c of [...children].reverse()) await c.stop()
    await db?.stop().catch(() => {})
    await anvil?.stop()
    fs.rmSync(pidFile, { force: true })
    say('stopped')
    process.exit(code)
  }
  process.once('SIGINT', () => void shutdown(0))
  process.once('SIGTERM', () => void shutdown(0))
  process.once('SIGHUP', () => void shutdown(0))

  try {
    await assertPortFree(env.anvilPort, 'ANVIL_PORT')
    await assertPortFree(api.port, 'GQL_PORT')
    // The chain lives in DATA_DIR/chain: what a user sent to it is there at the next start.
    const chainDir = path.join(env.dataDir, 'chain')
    const stateFile = path.join(chainDir, 'state.json')
    const demoFile = path.join(chainDir, 'demo.json')
    fs.mkdirSync(chainDir, { recursive: true })
    let demo = readDemo(demoFile)
    if (demo && !fs.existsSync(stateFile)) {
      say(`the saved chain (${stateFile}) is gone: playing the demo again on a new chain`)
      demo = null
    } else if (demo && (demo.seed !== env.seed || demo.size !== env.size)) {
      say(
        `the saved chain is a ${demo.size} demo with seed ${demo.seed}: starting a new ${env.size} one with seed ${env.seed}`,
      )
      demo = null
    }
    if (!demo) for (const f of [stateFile, demoFile]) fs.rmSync(f, { force: true })
    anvil = await startAnvil({ port: env.anvilPort, genesisTimestamp: DEMO_START, stateFile }).catch(async (e) => {
      if (!demo) throw e
      say(`the saved chain in ${stateFile} could not be loaded (${(e as Error).message}); starting a new one`)
      demo = null
      fs.rmSync(stateFile, { force: true })
      return startAnvil({ port: env.anvilPort, genesisTimestamp: DEMO_START, stateFile })
    })
    const chain = new TxBatch(anvil.url)
    if (demo) {
      const head = Number(await chain.rpc<string>('eth_blockNumber', []))
      say(
        `local chain (anvil) at ${anvil.url}, resumed from ${stateFile} at block ${head} ` +
          `(the ${demo.size} demo, seed ${demo.seed}, ended at block ${demo.headBlock}${head > demo.headBlock ? '; the blocks after it are yours' : ''})`,
      )
    } else {
      say(`local chain (anvil) at ${anvil.url}`)
      const sim = await simulate(chain, { seed: env.seed, size: env.size })
      demo = { seed: env.seed, size: env.size, deployment: sim.deployment, headBlock: sim.headBlock, txs: sim.txs }
      fs.writeFileSync(demoFile, JSON.stringify(demo, null, 1))
      say(`demo economy played (${env.size}, seed ${env.seed}): ${sim.txs} transactions in ${sim.headBlock} blocks`)
    }
    await chain.rpc('evm_setAutomine', [true]) // from here on, transactions you send are mined at once
    const networkFile = path.join(PROJECT_ROOT, 'config', 'networks', 'local.json')
    writeNetworkConfig(networkFile, networkConfigFor(demo.deployment, anvil.url))
    say(`contracts in ${path.relative(PROJECT_ROOT, networkFile)}`)

    let databaseUrl = databaseUrlOf(process.env)
    if (!databaseUrl) {
      await assertPortFree(env.pgPort, 'PG_PORT')
      db = await startEmbeddedPostgres({ dataDir: path.join(env.dataDir, 'postgres'), port: env.pgPort })
      databaseUrl = db.url.replace(/\/postgres$/, `/${DB_NAME}`)
      await rebuildIfNotOnChain(databaseUrl, chain, say)
      say(`embedded Postgres at ${databaseUrl}, data in ${db.dataDir}`)
    }

    const childEnv = {
      ...process.env,
      NETWORK_CONFIG: networkFile,
      DATABASE_URL: databaseUrl,
      GQL_PORT: String(api.port),
    }
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
      JSON.stringify({ anvil: anvil.process.pid, ...Object.fromEntries(children.map((c) => [c.name, c.proc.pid])) }),
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
    const health = await waitForHead(base, Number(await chain.rpc<string>('eth_blockNumber', [])), children)
    startingUp = false
    if (rejectedAtStart > 0)
      say(
        `${rejectedAtStart} logs were rejected, as the demo intends: it emits every kind of malformed event once. ` +
          `Each is kept with its reason: { rejectedEvents { nodes { eventName reason } } }, or ${path.join(logDir, 'processor.log')}`,
      )
    say(`indexed to the chain head (block ${health.indexedHeight}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    console.log(`
  Dashboard               ${base}/
  GraphQL API + console   ${base}/graphql
  Health                  ${base}/health
  Local chain (RPC)       ${anvil.url}   (chain id 31337)
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
 * The index must describe this chain: its newest block (hot or final) must be the chain's block at
 * that height. If it is not (the chain was replaced, or lost blocks that were indexed), the demo
 * database is dropped and indexed again, and one line says why.
 */
async function rebuildIfNotOnChain(databaseUrl: string, chain: TxBatch, say: (m: string) => void) {
  await ensureDatabase(databaseUrl, DB_NAME)
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  let newest: { height: number; hash: string } | null
  try {
    newest = await newestIndexedBlock(c, DEMO_CHAIN_ID)
  } finally {
    await c.end()
  }
  if (!newest) return
  const block = await chain.rpc<{ hash: string } | null>('eth_getBlockByNumber', [
    `0x${Number(newest.height).toString(16)}`,
    false,
  ])
  if (block?.hash === newest.hash) return
  say(
    `the index ends at block ${newest.height} (${newest.hash.slice(0, 10)}…), which this chain ` +
      `${block ? `holds as ${block.hash.slice(0, 10)}…` : 'does not have'}: rebuilding the demo database from the chain`,
  )
  const admin = new URL(databaseUrl)
  admin.pathname = '/postgres'
  const a = new pg.Client({ connectionString: admin.toString() })
  await a.connect()
  await a.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(DB_NAME)} WITH (FORCE)`)
  await a.end()
  await ensureDatabase(databaseUrl, DB_NAME)
}

async function waitForHead(base: string, head: number, children: Child[]) {
  for (;;) {
    if (children.some((c) => !running(c.proc))) throw new Error('a child process stopped')
    try {
      const r = await fetch(`${base}/health`)
      const h = (await r.json()) as { indexedHeight: number | null }
      if (h.indexedHeight != null && h.indexedHeight >= head) return h
    } catch {
      /* API not up yet */
    }
    await new Promise((r) => setTimeout(r, 300))
  }
}

void main()
