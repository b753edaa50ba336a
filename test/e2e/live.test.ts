import { createClient, type Client } from 'graphql-ws'
import type { Address } from 'viem'
import WebSocket from 'ws'
import type { Anvil } from '../../src/demo/anvil'
import type { SimResult } from '../../src/demo/simulate'
import { TxBatch } from '../../src/demo/txbatch'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { latestBlock } from '../helpers/chain'
import type { RunningProcessor } from '../helpers/processor'
import { followedDemo } from '../helpers/demo'

/**
 * Live data over WebSocket with a real graphql-ws client, against a processor following a real
 * anvil: status subscriptions after new blocks and after a reorg, live queries that push only when
 * their result changed, and the caps.
 */
let anvil: Anvil
let sim: SimResult
let accounts: Address[]
let api: ApiServer
let proc: RunningProcessor
let db: string
let chain: TxBatch
let t: number
const clients: Client[] = []

beforeAll(async () => {
  ;({ anvil, accounts, sim, db, proc, chain } = await followedDemo(13, 'live'))
  t = sim.end
  api = await startApiServer({ databaseUrl: db, port: 0, liveLimits: { perConnection: 3 } })
}, 180_000)
afterAll(async () => {
  for (const c of clients) await c.dispose()
  proc?.kill('SIGTERM')
  await proc?.exited
  await api?.close()
  await anvil?.stop()
})

function client(): Client {
  const c = createClient({
    url: api.url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  })
  clients.push(c)
  return c
}

/** A subscription's pushes as they arrive, and a way to wait for one that satisfies a test. */
function follow(c: Client, query: string, variables: Record<string, unknown> = {}) {
  const got: { at: number; value: any }[] = []
  const errors: unknown[] = []
  const waiters: (() => void)[] = []
  const stop = c.subscribe(
    { query, variables },
    {
      next: (value) => {
        got.push({ at: Date.now(), value })
        waiters.splice(0).forEach((w) => w())
      },
      error: (e) => errors.push(e),
      complete: () => {},
    },
  )
  return {
    got,
    errors,
    stop,
    /** the first push from index `from` on that satisfies `test` */
    async until(test: (v: any) => boolean, from = 0, timeoutMs = 15_000): Promise<{ at: number; value: any }> {
      const end = Date.now() + timeoutMs
      for (;;) {
        const hit = got.slice(from).find((g) => test(g.value))
        if (hit) return hit
        if (Date.now() > end)
          throw new Error(`no such push within ${timeoutMs} ms; got ${JSON.stringify(got.slice(from))}`)
        await new Promise<void>((r) => {
          waiters.push(r)
          setTimeout(r, 200)
        })
      }
    },
  }
}

async function mine(): Promise<{ number: number; minedAt: number }> {
  t += 60
  await chain.mine(t)
  return { number: (await latestBlock(chain)).number, minedAt: Date.now() }
}

it('pushes the new height within 2 s of a block, and the rolled-back range after a reorg', async () => {
  const s = follow(
    client(),
    `subscription { indexerStatus { indexedHeight rolledBack { chainId fromBlock toBlock } } }`,
  )
  // first the status now
  const now = await s.until((v) => v.data?.indexerStatus.indexedHeight >= sim.headBlock)
  expect(now.value.data.indexerStatus.rolledBack).toEqual([])

  const lags: number[] = []
  for (let i = 0; i < 3; i++) {
    const b = await mine()
    const push = await s.until((v) => v.data?.indexerStatus.indexedHeight === b.number, s.got.length - 1)
    lags.push(push.at - b.minedAt)
  }
  console.log(`indexerStatus pushed ${lags.join(', ')} ms after each block was mined`)
  for (const ms of lags) expect(ms).toBeLessThan(2000)

  // a reorg: two blocks indexed, then replaced by a longer branch from the snapshot
  const snapshot = await chain.rpc<string>('evm_snapshot', [])
  const base = (await latestBlock(chain)).number
  const tFork = t
  await mine()
  const old = await mine()
  await s.until((v) => v.data?.indexerStatus.indexedHeight === old.number)
  const before = s.got.length
  await chain.rpc('evm_revert', [snapshot])
  chain = new TxBatch(anvil.url)
  await chain.init()
  t = tFork + 7 // other timestamps: other hashes
  await mine()
  await mine()
  const head = await mine()
  const rb = await s.until((v) => v.data?.indexerStatus.rolledBack.length > 0, before)
  expect(rb.value.data.indexerStatus.rolledBack).toEqual([{ chainId: 31337, fromBlock: base + 1, toBlock: old.number }])
  await s.until((v) => v.data?.indexerStatus.indexedHeight === head.number, before)
  expect(proc.output()).toMatch(/navigating a fork/)
  expect(s.errors).toEqual([])
  s.stop()
}, 120_000)

it('pushes a live query when its result changes, and stays silent on a block that does not touch it', async () => {
  const c = client()
  const status = follow(c, `subscription { chains { chainId indexedHeight } }`)
  const q = follow(c, `query Fleet @live { gpus(first: 5) { nodes { id gpuId owner { address } } } }`)
  const first = await q.until((v) => v.data?.gpus.nodes.length === 5)
  expect(first.value.data.gpus.nodes.map((n: any) => n.gpuId)).toEqual(['1', '2', '3', '4', '5'])

  // an empty block: indexed (the status subscription sees it), but the live query stays silent
  const pushes = q.got.length
  const empty = await mine()
  await status.until((v) => v.data?.chains[0].indexedHeight === empty.number, status.got.length - 1)
  await new Promise((r) => setTimeout(r, 1500)) // a few re-runs' time
  expect(q.got.length).toBe(pushes)

  // one of those GPUs changes hands: pushed, with its new owner
  const gpu = sim.gpus.find(
    (g) => g.gpuId <= 5n && !sim.transfers.some((x) => x.gpuId === g.gpuId) && g.retiredDay == null,
  )!
  const to = accounts[31]
  await chain.call(gpu.owner, sim.deployment.gpuRegistry, 'GpuRegistry', 'transferFrom', [gpu.owner, to, gpu.gpuId])
  const b = await mine()
  const moved = await q.until(
    (v) => v.data?.gpus.nodes.find((n: any) => n.gpuId === String(gpu.gpuId))?.owner.address === to,
    pushes,
  )
  expect(moved.at - b.minedAt).toBeLessThan(2000)
  expect(q.got.length).toBe(pushes + 1)
  expect(q.errors).toEqual([])
  status.stop()
  q.stop()
}, 120_000)

it('caps subscriptions per connection, and applies the limits of HTTP to every document', async () => {
  const c = client()
  const subs = [0, 1, 2].map(() => follow(c, `subscription { chains { chainId } }`))
  for (const s of subs) await s.until((v) => v.data != null)
  const fourth = follow(c, `subscription { chains { chainId } }`)
  await new Promise((r) => setTimeout(r, 500))
  expect(JSON.stringify(fourth.errors)).toContain('at most 3 subscriptions per connection')
  subs.forEach((s) => s.stop())
  // 150 yields in one document: refused over HTTP for its cost, and so here
  const yields = Array.from(
    { length: 150 },
    (_, i) => `y${i}: gpuYield(scope: {}, from: "2026-09-07T00:00:00Z", to: "2026-09-14T00:00:00Z") { net }`,
  )
  const costly = follow(client(), `query Many @live { ${yields.join(' ')} }`)
  await new Promise((r) => setTimeout(r, 500))
  expect((costly.errors[0] as any[])[0].extensions.code).toBe('QUERY_TOO_COMPLEX')
  expect(costly.got).toEqual([])
  // the stopped ones are forgotten once their completion has arrived
  for (let i = 0; i < 20 && api.live.subscriptions() > 0; i++) await new Promise((r) => setTimeout(r, 100))
  expect(api.live.subscriptions()).toBe(0)
})
