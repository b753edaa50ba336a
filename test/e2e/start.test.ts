import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from '../helpers/ports'

/**
 * `npm start` as a user runs it: everything comes up, /health shows the chain head indexed, Ctrl-C
 * stops every process and leaves a clean data folder, and a second start works on that folder.
 */
const START = path.resolve(__dirname, '..', '..', 'lib', 'demo', 'start.js')

async function rpcBlockNumber(url: string): Promise<number | null> {
  try {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
    })
    return Number(((await r.json()) as any).result)
  } catch {
    return null
  }
}

async function runStart(dataDir: string, ports: { anvil: number; pg: number; api: number }) {
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    ANVIL_PORT: String(ports.anvil),
    PG_PORT: String(ports.pg),
    GQL_PORT: String(ports.api),
    DEMO_SIZE: 'small',
  }
  delete (env as any).DATABASE_URL
  const p = spawn(process.execPath, [START], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  p.stdout.on('data', (b) => (out += b))
  p.stderr.on('data', (b) => (out += b))
  const exited = new Promise<number | null>((r) => p.on('exit', (code) => r(code)))
  const deadline = Date.now() + 150_000
  while (!out.includes('Press Ctrl-C')) {
    if (p.exitCode != null) throw new Error(`npm start exited early:\n${out}`)
    if (Date.now() > deadline) {
      p.kill('SIGKILL')
      throw new Error(`npm start did not come up:\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return { p, exited, output: () => out }
}

describe('npm start', () => {
  it('brings up chain, database, processor and API, indexes to the head, and stops cleanly twice', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-start-'))
    fs.chmodSync(dataDir, 0o755)
    const ports = { anvil: await freePort(), pg: await freePort(), api: await freePort() }
    try {
      for (let run = 1; run <= 2; run++) {
        const s = await runStart(dataDir, ports)
        expect(s.output()).toContain(`http://127.0.0.1:${ports.api}/graphql`)
        const head = await rpcBlockNumber(`http://127.0.0.1:${ports.anvil}`)
        const health = (await (await fetch(`http://127.0.0.1:${ports.api}/health`)).json()) as any
        expect(health.indexedHeight).toBe(head)
        expect(health.lagBlocks).toBe(0)
        const dashboard = await (await fetch(`http://127.0.0.1:${ports.api}/`)).text()
        expect(dashboard).toContain('<title>deai-squid dashboard</title>')
        expect((await fetch(`http://127.0.0.1:${ports.api}/assets/app.js`)).status).toBe(200)

        s.p.kill('SIGINT')
        expect(await s.exited).toBe(0)
        expect(s.output()).toContain('[start] stopped')
        expect(await rpcBlockNumber(`http://127.0.0.1:${ports.anvil}`)).toBeNull()
        await expect(fetch(`http://127.0.0.1:${ports.api}/health`)).rejects.toThrow()
        // a clean Postgres shutdown removes its pid file
        expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false)
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
