import type { Address } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import type { SimResult } from '../../src/demo/simulate'
import { TxBatch } from '../../src/demo/txbatch'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { latestBlock } from '../helpers/chain'
import { waitIndexed } from '../helpers/checksum'
import { query } from '../helpers/db'
import type { RunningProcessor } from '../helpers/processor'
import { followedDemo } from '../helpers/demo'

/**
 * The response cache, against a processor following anvil: a hit returns the same bytes; a new
 * block makes the next request a miss with the new answer; a reorg drops what was kept; GET
 * queries and CSV exports carry an ETag and answer 304; /metrics counts hits.
 */
let anvil: Anvil
let sim: SimResult
let accounts: Address[]
let api: ApiServer
let proc: RunningProcessor
let db: string
let chain: TxBatch
let t: number

beforeAll(async () => {
  ;({ anvil, accounts, sim, db, proc, chain } = await followedDemo(29, 'response_cache'))
  t = sim.end
  api = await startApiServer({ databaseUrl: db, port: 0 })
}, 180_000)
afterAll(async () => {
  proc?.kill('SIGTERM')
  await proc?.exited
  await api?.close()
  await anvil?.stop()
})

async function mine(): Promise<number> {
  t += 60
  await chain.mine(t)
  const n = (await latestBlock(chain)).number
  await waitIndexed(db, n, 30_000)
  return n
}

const FLEET = `{ gpus(first: 5) { nodes { gpuId owner { address } } } }`
const PREFLIGHT = { 'apollo-require-preflight': 'true' }

async function get(path: string, headers: Record<string, string> = {}) {
  const r = await fetch(`${api.url}${path}`, { headers: { ...PREFLIGHT, ...headers } })
  return { status: r.status, cache: r.headers.get('x-cache'), etag: r.headers.get('etag'), body: await r.text() }
}
const getQuery = (q: string, headers: Record<string, string> = {}) =>
  get(`/graphql?query=${encodeURIComponent(q)}`, headers)
async function post(q: string) {
  const r = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: q }),
  })
  return { status: r.status, cache: r.headers.get('x-cache'), body: await r.text() }
}
const ownerOf = (body: string, gpuId: bigint) =>
  JSON.parse(body).data.gpus.nodes.find((n: any) => n.gpuId === String(gpuId)).owner.address

it('answers a repeat from the cache with the same bytes, with an ETag, and 304 for a client that has them', async () => {
  const first = await getQuery(FLEET)
  expect([first.status, first.cache]).toEqual([200, 'miss'])
  const again = await getQuery(FLEET)
  expect([again.status, again.cache]).toEqual([200, 'hit'])
  expect(again.body).toBe(first.body)
  expect(again.etag).toBe(first.etag)
  expect(first.etag).toMatch(/^"[\w-]+"$/)
  const cond = await getQuery(FLEET, { 'if-none-match': first.etag! })
  expect([cond.status, cond.body]).toEqual([304, ''])

  // POST: its own entry, the same answer
  const p1 = await post(FLEET)
  const p2 = await post(FLEET)
  expect([p1.cache, p2.cache]).toEqual(['miss', 'hit'])
  expect(p2.body).toBe(first.body)

  // other variables are another entry
  const v = await get(
    `/graphql?query=${encodeURIComponent('query($n: Int!) { gpus(first: $n) { nodes { gpuId } } }')}&variables=${encodeURIComponent('{"n":2}')}`,
  )
  expect(v.cache).toBe('miss')
  expect(JSON.parse(v.body).data.gpus.nodes).toHaveLength(2)

  // answers with errors are not kept; a GET that CSRF prevention refuses is not answered from the cache
  const bad = `{ gpu(id: "x") { id } }`
  expect((await post(bad)).cache).toBe('miss')
  expect((await post(bad)).cache).toBe('miss')
  const r = await fetch(`${api.url}/graphql?query=${encodeURIComponent(FLEET)}`)
  expect([r.status, r.headers.get('x-cache')]).toEqual([400, 'bypass'])

  // CSV: the same
  const c1 = await get('/export/model-tokens.csv')
  const c2 = await get('/export/model-tokens.csv')
  expect([c1.status, c1.cache, c2.cache]).toEqual([200, 'miss', 'hit'])
  expect(c2.body).toBe(c1.body)
  expect(c1.body.split('\r\n')[0]).toMatch(/^token,modelId,/)
  expect((await get('/export/model-tokens.csv', { 'if-none-match': c1.etag! })).status).toBe(304)
})

it('misses after a new block, with the new answer', async () => {
  await getQuery(FLEET)
  expect((await getQuery(FLEET)).cache).toBe('hit')
  const gpu = sim.gpus.find(
    (g) => g.gpuId <= 5n && !sim.transfers.some((x) => x.gpuId === g.gpuId) && g.retiredDay == null,
  )!
  const to = accounts[32].toLowerCase()
  const before = await getQuery(FLEET)
  expect(ownerOf(before.body, gpu.gpuId)).toBe(gpu.owner.toLowerCase())
  await chain.call(gpu.owner, sim.deployment.gpuRegistry, 'GpuRegistry', 'transferFrom', [gpu.owner, to, gpu.gpuId])
  await mine()
  const after = await getQuery(FLEET)
  expect(after.cache).toBe('miss')
  expect(ownerOf(after.body, gpu.gpuId)).toBe(to)
  expect(after.etag).not.toBe(before.etag)
  // the old version's tag no longer matches
  expect((await getQuery(FLEET, { 'if-none-match': before.etag! })).status).toBe(200)
  // a block that changes nothing in the answer still drops the cache (the index moved): same bytes, recomputed
  await mine()
  const same = await getQuery(FLEET)
  expect([same.cache, same.body]).toEqual(['miss', after.body])
  // the CSV too
  expect((await get('/export/model-tokens.csv')).cache).toBe('miss')
})

it('drops what it kept when a reorg rolls the answer back', async () => {
  const gpu = sim.gpus.find(
    (g) => g.gpuId <= 5n && !sim.transfers.some((x) => x.gpuId === g.gpuId) && g.retiredDay == null && g.gpuId !== 0n,
  )!
  const [{ owner_id }] = await query(db, `SELECT owner_id FROM gpu WHERE id = $1`, [`31337:${gpu.gpuId}`])
  const owner = owner_id.split(':')[1] as Address
  const snapshot = await chain.rpc<string>('evm_snapshot', [])
  const tFork = t
  const to = accounts[33].toLowerCase()
  await chain.call(owner, sim.deployment.gpuRegistry, 'GpuRegistry', 'transferFrom', [owner, to, gpu.gpuId])
  await mine()
  const onFork = await getQuery(FLEET)
  expect(ownerOf(onFork.body, gpu.gpuId)).toBe(to)
  expect((await getQuery(FLEET)).cache).toBe('hit')

  // a longer branch without the transfer
  await chain.rpc('evm_revert', [snapshot])
  chain = new TxBatch(anvil.url)
  await chain.init()
  t = tFork + 7 // other timestamps: other hashes
  for (let i = 0; i < 3; i++) await mine()
  expect(proc.output()).toMatch(/navigating a fork/)
  const rolled = await getQuery(FLEET)
  expect(rolled.cache).toBe('miss')
  expect(ownerOf(rolled.body, gpu.gpuId)).toBe(owner)
})

it('counts hits and misses in /metrics, and keeps its size there', async () => {
  const text = await (await fetch(`${api.url}/metrics`)).text()
  const count = (route: string, result: string) =>
    Number(
      text.match(new RegExp(`deai_api_cache_requests_total\\{route="${route}",result="${result}"\\} (\\d+)`))?.[1] ?? 0,
    )
  expect(count('graphql', 'hit')).toBeGreaterThanOrEqual(4)
  expect(count('graphql', 'miss')).toBeGreaterThanOrEqual(5)
  expect(count('csv', 'hit')).toBe(2) // the repeat and the 304
  expect(Number(text.match(/deai_api_cache_entries (\d+)/)?.[1])).toBeGreaterThan(0)
  expect(Number(text.match(/deai_api_cache_bytes (\d+)/)?.[1])).toBeGreaterThan(0)
})
