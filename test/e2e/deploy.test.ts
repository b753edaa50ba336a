import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { Manifest } from '@subsquid/manifest'
import { parseNetworkConfig } from '../../src/config/network'
import { PROJECT_ROOT } from '../../src/config/env'
import { applyMigrations } from '../../src/postgres/migrate'
import { freshDatabase, query } from '../helpers/db'

/**
 * What SQD Cloud and the `sqd` CLI read: squid.yaml, checked by @subsquid/manifest's own validator,
 * and commands.json. The Cloud's init step (migrations) runs against a real Postgres, given the
 * database the way the Cloud gives it (DB_HOST and the rest).
 */
const read = (f: string) => fs.readFileSync(path.join(PROJECT_ROOT, f), 'utf8')

describe('squid.yaml', () => {
  const text = read('squid.yaml')
  const parsed = Manifest.parse(text)

  it('passes the manifest validator, with the current key names', () => {
    expect(parsed.error).toBeUndefined()
    expect(text).toMatch(/^manifest_version: /m)
    expect(text).not.toMatch(/manifestVersion/)
  })

  it('runs one processor per network file, each with an RPC endpoint from the secrets', () => {
    const processors = parsed.value!.deploy!.processor
    // several chains, one processor each
    expect(processors.length).toBeGreaterThan(1)
    const chains = new Set<number>()
    for (const p of processors) {
      expect(p.cmd).toEqual(['node', 'lib/processor/main.js'])
      const config = parseNetworkConfig(JSON.parse(read(p.env!.NETWORK_CONFIG)))
      chains.add(config.chainId)
      expect(p.env!.RPC_URL).toMatch(/^\$\{\{ secrets\.[A-Z][A-Z0-9_]* \}\}$/)
    }
    expect(chains.size).toBe(processors.length)
    // the expressions are ones the Cloud can evaluate
    const secrets = Object.fromEntries(
      processors.map((p) => [/secrets\.(\w+)/.exec(p.env!.RPC_URL)![1], 'https://rpc.invalid/key']),
    )
    const evaluated = parsed.value!.eval({ secrets })
    for (const p of evaluated.deploy!.processor) expect(p.env!.RPC_URL).toBe('https://rpc.invalid/key')
  })

  it('binds the API to every interface, and every command it names is built', () => {
    const deploy = parsed.value!.deploy!
    expect(deploy.api!.env!.GQL_HOST).toBe('0.0.0.0')
    for (const cmd of [deploy.api!.cmd, ...deploy.processor.map((p) => p.cmd)])
      expect(fs.existsSync(path.join(PROJECT_ROOT, cmd![1]))).toBe(true)
  })
})

describe('commands.json', () => {
  const { commands } = JSON.parse(read('commands.json')) as {
    commands: Record<string, { cmd: string[]; deps?: string[] }>
  }
  const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>

  it('has the commands of an SQD template, each runnable here', () => {
    for (const name of ['build', 'migration:apply', 'process', 'serve']) expect(commands[name]).toBeDefined()
    for (const [name, c] of Object.entries(commands)) {
      for (const d of c.deps ?? []) expect(commands[d]).toBeDefined()
      const [bin, ...args] = c.cmd
      if (bin === 'npm') expect(scripts[args[1]]).toBeDefined()
      else if (bin === 'npx') expect(fs.existsSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', args[0]))).toBe(true)
      else if (bin === 'node') expect(fs.existsSync(path.join(PROJECT_ROOT, args[0]))).toBe(true)
      else expect([name, bin]).toEqual([name, 'docker'])
    }
  })
})

it("the Cloud's init step applies every migration, reading DB_HOST/DB_PORT/DB_NAME/DB_USER/DB_PASS", async () => {
  const url = new URL(await freshDatabase('deploy_init'))
  const init = Manifest.parse(read('squid.yaml')).value!.deploy!.init as { cmd: string[] }
  const [bin, ...args] = init.cmd
  expect(bin).toBe('npx')
  await promisify(execFile)(path.join(PROJECT_ROOT, 'node_modules', '.bin', args[0]), args.slice(1), {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH,
      DB_HOST: url.hostname,
      DB_PORT: url.port,
      DB_NAME: url.pathname.slice(1),
      DB_USER: decodeURIComponent(url.username),
      DB_PASS: decodeURIComponent(url.password),
    },
  })
  const files = fs
    .readdirSync(path.join(PROJECT_ROOT, 'db', 'migrations'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => f.replace(/^(\d+)-(.*)\.js$/, '$2$1'))
  const applied = (await query(url.toString(), `SELECT name FROM migrations`)).map((r) => r.name)
  expect(applied.sort()).toEqual(files.sort())
  expect(await query(url.toString(), `SELECT count(*)::int AS n FROM gpu`)).toEqual([{ n: 0 }])
})

it('processors starting together on one database apply the migrations once', async () => {
  const url = await freshDatabase('deploy_concurrent')
  const runs = await Promise.all([1, 2, 3, 4].map(() => applyMigrations(url)))
  const files = fs.readdirSync(path.join(PROJECT_ROOT, 'db', 'migrations')).filter((f) => f.endsWith('.js'))
  // one of them applied everything, the others found nothing pending
  expect(runs.map((r) => r.length).sort((a, b) => a - b)).toEqual([0, 0, 0, files.length])
  expect(await query(url, `SELECT count(*)::int AS n FROM migrations`)).toEqual([{ n: files.length }])
})
