import fs from 'node:fs'
import { redactUrl } from '../config/redact'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import { apiEnv, demoEnv, PROJECT_ROOT } from '../config/env'
import { ConfigError } from '../config/errors'
import { startEmbeddedPostgres, ensureDatabase, type EmbeddedDb } from '../db/embedded'
import { startAnvil, type Anvil } from './anvil'
import { networkConfigFor, writeNetworkConfig } from './deploy'
import { spawnNode, stopLeftovers, running, type Child } from './procs'
import { DEMO_START, simulate } from './simulate'
import { TxBatch } from './txbatch'

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
    anvil = await startAnvil({ port: env.anvilPort, genesisTimestamp: DEMO_START })
    say(`local chain (anvil) at ${anvil.url}`)
    const chain = new TxBatch(anvil.url)
    const sim = await simulate(chain, { seed: env.seed, size: env.size })
    await chain.rpc('evm_setAutomine', [true]) // from here on, transactions you send are mined at once
    const networkFile = path.join(PROJECT_ROOT, 'config', 'networks', 'local.json')
    writeNetworkConfig(networkFile, networkConfigFor(sim.deployment, anvil.url))
    say(
      `demo economy played (${env.size}, seed ${env.seed}): ${sim.txs} transactions in ${sim.headBlock} blocks; contracts in ${path.relative(PROJECT_ROOT, networkFile)}`,
    )

    let databaseUrl = process.env.DATABASE_URL
    if (!databaseUrl) {
      await assertPortFree(env.pgPort, 'PG_PORT')
      db = await startEmbeddedPostgres({ dataDir: path.join(env.dataDir, 'postgres'), port: env.pgPort })
      databaseUrl = db.url.replace(/\/postgres$/, `/${DB_NAME}`)
      await resetIfOtherChain(databaseUrl, path.join(env.dataDir, 'chain.json'), sim.headHash, say)
      say(`embedded Postgres at ${redactUrl(databaseUrl)}`)
    }

    const childEnv = {
      ...process.env,
      NETWORK_CONFIG: networkFile,
      DATABASE_URL: databaseUrl,
      GQL_PORT: String(api.port),
    }
    const echo = (line: string) => console.log(line)
    const quietProcessor = (line: string) => {
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
    const health = await waitForHead(base, sim.headBlock, children)
    say(`indexed to the chain head (block ${health.indexedHeight}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    console.log(`
  Dashboard               ${base}/
  GraphQL API + console   ${base}/graphql
  Health                  ${base}/health
  Local chain (RPC)       ${anvil.url}   (chain id 31337)
  Database                ${redactUrl(databaseUrl)}
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

/** The demo chain is rebuilt on every start; it is the same chain for the same seed. If not, the old index is dropped. */
async function resetIfOtherChain(databaseUrl: string, stampFile: string, headHash: string, say: (m: string) => void) {
  const previous = fs.existsSync(stampFile) ? JSON.parse(fs.readFileSync(stampFile, 'utf8')).headHash : null
  if (previous && previous !== headHash) {
    say('the demo chain differs from the indexed one (other seed or size): re-indexing from scratch')
    const admin = new URL(databaseUrl)
    admin.pathname = '/postgres'
    const c = new pg.Client({ connectionString: admin.toString() })
    await c.connect()
    await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(DB_NAME)} WITH (FORCE)`)
    await c.end()
  }
  await ensureDatabase(databaseUrl, DB_NAME)
  fs.writeFileSync(stampFile, JSON.stringify({ headHash }))
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
