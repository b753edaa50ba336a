import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { query } from '../helpers/db'
import { freePort } from '../helpers/ports'

/**
 * `npm start` as a user runs it: everything comes up, /health shows the chain head indexed, Ctrl-C
 * stops every process and leaves a clean data folder, and a second start works on that folder.
 * A transaction the user sends is still on the chain, and indexed, after a restart; a chain that
 * no longer matches the index (here: its saved state deleted) gets the index rebuilt.
 */
const START = path.resolve(__dirname, '..', '..', 'lib', 'demo', 'start.js')

async function rpc(url: string, method: string, params: unknown[] = []): Promise<any> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  return ((await r.json()) as any).result
}

async function rpcBlockNumber(url: string): Promise<number | null> {
  try {
    return Number(await rpc(url, 'eth_blockNumber'))
  } catch {
    return null
  }
}

async function gql(api: string, query: string): Promise<any> {
  const r = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  })
  return ((await r.json()) as any).data
}

const NEWCOMER = '0x000000000000000000000000000000000000beef'

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
  it('brings up chain, database, processor and API, indexes to the head, stops cleanly, and resumes the chain with what a user sent', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-start-'))
    fs.chmodSync(dataDir, 0o755)
    const ports = { anvil: await freePort(), pg: await freePort(), api: await freePort() }
    const chainUrl = `http://127.0.0.1:${ports.anvil}`
    // the models chain, on the next port
    const modelsUrl = `http://127.0.0.1:${ports.anvil + 1}`
    const apiUrl = `http://127.0.0.1:${ports.api}`
    let demoOwner = ''
    let userTx = ''
    try {
      for (let run = 1; run <= 3; run++) {
        const s = await runStart(dataDir, ports)
        expect(s.output()).toContain(`http://127.0.0.1:${ports.api}/graphql`)
        // both chains indexed to their heads
        const health = (await (await fetch(`${apiUrl}/health`)).json()) as any
        expect(health.chains.map((c: any) => [c.chainId, c.indexedHeight, c.lagBlocks])).toEqual([
          [31337, await rpcBlockNumber(chainUrl), 0],
          [31338, await rpcBlockNumber(modelsUrl), 0],
        ])
        expect(health.lagBlocks).toBe(0)
        // GPU 1 exists on both chains: the compute chain's is meant
        const owner = async () =>
          (await gql(apiUrl, '{ gpu(id: "1", chainId: 31337) { owner { address } } }')).gpu.owner.address
        if (run === 1) {
          // the demo's malformed logs are summed up in one line, not printed one by one
          const startup = s.output().slice(0, s.output().indexOf('Press Ctrl-C'))
          expect(startup).not.toContain('rejected log: ')
          expect(startup).toMatch(/\d+ logs were rejected, as the demo intends.*rejectedEvents/)
          // the database line is a URL psql accepts: the embedded server is local only
          const dbUrl = /Database\s+(postgresql:\S+)/.exec(startup)![1]
          expect(dbUrl).not.toContain('***')
          expect((await query(dbUrl, 'SELECT count(*)::int AS n FROM gpu'))[0].n).toBeGreaterThan(0)
          // the models chain's training runs used GPUs of the compute chain, and find them there
          const runs = await gql(
            apiUrl,
            '{ trainingRuns(chainId: 31338) { nodes { gpus { referencedChainId resolved gpu { chainId } } } } }',
          )
          const refs = runs.trainingRuns.nodes.flatMap((r: any) => r.gpus)
          expect(refs.length).toBeGreaterThan(0)
          expect(refs.every((g: any) => g.referencedChainId === 31337)).toBe(true)
          expect(refs.filter((g: any) => g.resolved).every((g: any) => g.gpu.chainId === 31337)).toBe(true)
          expect(refs.some((g: any) => g.resolved)).toBe(true)
          // the user sends a transaction of their own: GPU 1 to a newcomer, mined at once
          demoOwner = await owner()
          const { gpuRegistry } = JSON.parse(
            fs.readFileSync(path.resolve(__dirname, '..', '..', 'config', 'networks', 'local.json'), 'utf8'),
          ).contracts
          const data = `0x23b872dd${[demoOwner, NEWCOMER].map((a) => a.slice(2).padStart(64, '0')).join('')}${'1'.padStart(64, '0')}`
          userTx = await rpc(chainUrl, 'eth_sendTransaction', [{ from: demoOwner, to: gpuRegistry, data }])
          const until = Date.now() + 30_000
          while ((await owner()) !== NEWCOMER && Date.now() < until) await new Promise((r) => setTimeout(r, 200))
          expect(await owner()).toBe(NEWCOMER)
        } else if (run === 2) {
          // the chain was resumed: the user's transaction and its indexed effect are both there
          expect(s.output()).toContain('resumed from')
          expect(s.output()).not.toContain('indexing that chain again')
          expect((await rpc(chainUrl, 'eth_getTransactionReceipt', [userTx])).status).toBe('0x1')
          expect(await owner()).toBe(NEWCOMER)
        } else {
          // the chain was replaced (its saved state gone): the demo is played again, without the
          // user's block, and that chain is indexed again; the models chain keeps its index
          expect(s.output()).toMatch(/the index of the compute chain ends at block \d+ .*: indexing that chain again/)
          expect(s.output()).not.toContain('index of the models chain')
          expect(await rpc(chainUrl, 'eth_getTransactionReceipt', [userTx])).toBeNull()
          expect(await owner()).toBe(demoOwner)
        }
        const dashboard = await (await fetch(`http://127.0.0.1:${ports.api}/`)).text()
        expect(dashboard).toContain('<title>deai-squid dashboard</title>')
        expect((await fetch(`http://127.0.0.1:${ports.api}/assets/app.js`)).status).toBe(200)

        s.p.kill('SIGINT')
        expect(await s.exited).toBe(0)
        expect(s.output()).toContain('[start] stopped')
        expect(await rpcBlockNumber(chainUrl)).toBeNull()
        expect(await rpcBlockNumber(modelsUrl)).toBeNull()
        await expect(fetch(`http://127.0.0.1:${ports.api}/health`)).rejects.toThrow()
        // a clean Postgres shutdown removes its pid file
        expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false)
        // the chain was saved on the way out
        expect(fs.existsSync(path.join(dataDir, 'chain', 'state.json'))).toBe(true)
        expect(fs.existsSync(path.join(dataDir, 'chain-31338', 'state.json'))).toBe(true)
        if (run === 2) fs.rmSync(path.join(dataDir, 'chain', 'state.json'))
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
