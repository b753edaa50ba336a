import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { startApiServer, type ApiServer } from '../../src/api/server'
import type { TxBatch } from '../../src/demo/txbatch'
import { latestBlock, testChain } from '../helpers/chain'
import { freshDatabase, query } from '../helpers/db'
import { freePort } from '../helpers/ports'
import { startPgServer } from '../helpers/pgServer'
import { rawGet } from '../helpers/http'
import { startProcessor, writeTempConfig, type RunningProcessor } from '../helpers/processor'

/**
 * /health must tell the truth:
 * - a processor that can no longer continue (the chain was replaced under the index) turns
 *   /health to 503 "stalled", with the supervisor's restarts and its plain explanation, while the
 *   data stays as it was; the processor's metrics port meanwhile listens on loopback only and
 *   answers malformed and slow clients without a stack trace or a socket held for good;
 * - a database that hangs (SIGSTOP) gets 503 from /health within 2 s and SERVICE_UNAVAILABLE from
 *   GraphQL and the CSV routes.
 */
let anvil: Anvil
let chain: TxBatch
let sim: SimResult
let api: ApiServer | undefined
let processor: RunningProcessor | undefined

/** the stall threshold used here (production: 60 s), so the suite does not wait a minute */
const STALL_AFTER_SEC = 8

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  chain = t.chain
  sim = await simulate(t.chain, { seed: 31, size: 'small' })
})
afterAll(async () => {
  processor?.kill('SIGTERM')
  await processor?.exited
  await api?.close()
  await anvil?.stop()
})

const health = async (url: string) => {
  const t = performance.now()
  const r = await fetch(`${url}/health`)
  return { status: r.status, body: (await r.json()) as any, ms: performance.now() - t }
}

async function until<T>(what: string, f: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = await f().catch(() => undefined)
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** Local addresses a TCP port listens on, from /proc/net/tcp (hex ip:port, little-endian IPv4). */
function listeningAddresses(port: number): string[] {
  const out: string[] = []
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(file)) continue
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/)
      if (state !== '0A' || !local) continue // 0A: LISTEN
      const [ip, p] = local.split(':')
      if (parseInt(p, 16) !== port) continue
      out.push(
        ip.length === 8
          ? ip
              .match(/../g)!
              .reverse()
              .map((h) => parseInt(h, 16))
              .join('.')
          : ip,
      )
    }
  }
  return out
}

it('turns /health to 503 stalled when the chain no longer holds the indexed blocks, and keeps the data', async () => {
  const db = await freshDatabase('health_stalled')
  const config = writeTempConfig({ ...networkConfigFor(sim.deployment, anvil.url), finalityConfirmation: 5 })
  processor = startProcessor({ NETWORK_CONFIG: config, DATABASE_URL: db })
  api = await startApiServer({ databaseUrl: db, port: 0, stallAfterSec: STALL_AFTER_SEC })
  const ready = await until(
    'the index at the head',
    async () => {
      const h = await health(api!.url)
      const at = h.status === 200 && h.body.status === 'ok' && h.body.indexedHeight === sim.headBlock
      return at && h.body.processor ? h : undefined
    },
    60_000,
  )
  expect(ready.body.processor).toMatchObject({ running: true, finished: false, restarts: 0 })
  const gpusBefore = (await query(db, `SELECT id, owner_id FROM gpu ORDER BY id`)).length

  // The processor's metrics: loopback only, no stack trace for a malformed path, slow clients cut.
  // (the last worker's: the first one restarts once to follow the vault's asset, docs/processor.md)
  const port = Number([...processor.output().matchAll(/prometheus metrics are served at port (\d+)/g)].pop()![1])
  expect(listeningAddresses(port)).toEqual(['127.0.0.1'])
  const malformed = await rawGet(`http://127.0.0.1:${port}`, '//%%%/')
  expect(malformed.status).toBe(404)
  expect(malformed.head + malformed.body).not.toMatch(/\bat .*\.(js|ts):\d+|node_modules/)
  expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200)
  const slow = Array.from({ length: 50 }, () => {
    const s = net.connect(port, '127.0.0.1')
    s.on('error', () => {})
    s.write('GET /metrics HTTP/1.1\r\nHost: x\r\n')
    return new Promise<void>((resolve) => s.on('close', () => resolve()))
  })

  // The chain is replaced: a fresh chain, longer than the index, that holds none of its blocks.
  await chain.rpc('anvil_reset', [])
  await chain.rpc('anvil_mine', [`0x${(sim.headBlock + 40).toString(16)}`])
  const replacedAt = Date.now()
  const stalled = await until(
    'stalled',
    async () => {
      const h = await health(api!.url)
      return h.status === 503 && h.body.status === 'stalled' ? h : undefined
    },
    90_000,
  )
  const stalledAfterSec = (Date.now() - replacedAt) / 1000
  // the chain head comes from the chain, not from the index
  expect(stalled.body.chainHeight).toBe((await latestBlock(chain)).number)
  // the supervisor restarted the worker, said why once, plainly, and now waits instead of looping
  await until(
    'the supervisor to give up restarting',
    async () => {
      const h = await health(api!.url)
      return h.body.processor?.restarts >= 1 && /reindex/.test(h.body.processor?.lastError ?? '') ? h : undefined
    },
    60_000,
  )
  const said = processor
    .output()
    .split('\n')
    .filter((l) => /no longer holds block/.test(l) && l.includes('"level":"error"'))
  expect(said).toHaveLength(1)
  const metrics = await (await fetch(`${api.url}/metrics`)).text()
  // labelled by chain: each chain's processor has its own series
  expect(metrics).toMatch(/^deai_processor_stalled\{chain_id="31337"\} 1$/m)
  expect(Number(/^deai_processor_restarts\{chain_id="31337"\} (\d+)$/m.exec(metrics)![1])).toBeGreaterThanOrEqual(1)
  // nothing indexed was touched
  expect((await query(db, `SELECT id, owner_id FROM gpu ORDER BY id`)).length).toBe(gpusBefore)

  // every slow metrics client was dropped (10 s header timeout, checked every second)
  await Promise.all(slow)
  console.log(`stalled ${stalledAfterSec.toFixed(1)} s after the chain was replaced (threshold ${STALL_AFTER_SEC} s)`)
})

it('answers /health within 2 s with 503, and GraphQL and CSV with SERVICE_UNAVAILABLE, while the database hangs', async () => {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deai-hang-')), 'pg')
  fs.chmodSync(path.dirname(dataDir), 0o755)
  const pg = await startPgServer(dataDir, await freePort())
  const hung = await startApiServer({ databaseUrl: pg.url, port: 0 })
  const postgres = () => {
    const main = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    const children = execFileSync('pgrep', ['-P', String(main)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
    return [main, ...children.map(Number)]
  }
  try {
    // warm: the pool holds open connections, as in a running API
    await Promise.all(
      Array.from({ length: 4 }, () => fetch(`${hung.url}/graphql`, gql('{ indexerStatus { lagBlocks } }'))),
    )
    expect((await health(hung.url)).status).toBe(200)
    const pids = postgres()
    for (const pid of pids) process.kill(pid, 'SIGSTOP')
    try {
      const h = await health(hung.url)
      expect({ status: h.status, body: h.body.status }).toEqual({ status: 503, body: 'database unavailable' })
      expect(h.ms).toBeLessThan(2000)
      const g = await fetch(`${hung.url}/graphql`, gql('{ gpus(first: 1) { totalCount } }'))
      const body: any = await g.json()
      expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE')
      const csv = await fetch(`${hung.url}/export/attribution.csv?modelVersionId=${sim.ids.mvChat}`)
      expect(csv.status).toBe(503)
      expect(((await csv.json()) as any).error.code).toBe('SERVICE_UNAVAILABLE')
      // /health stays quick while the hang goes on
      const again = await health(hung.url)
      expect({ status: again.status, quick: again.ms < 2000 }).toEqual({ status: 503, quick: true })
    } finally {
      for (const pid of pids) process.kill(pid, 'SIGCONT')
    }
    await until('health back', async () => ((await health(hung.url)).status === 200 ? true : undefined), 20_000)
  } finally {
    await hung.close()
    await pg.stop()
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true })
  }
})

function gql(query: string): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }
}
