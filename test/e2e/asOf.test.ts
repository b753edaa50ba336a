import { toFunctionSelector } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import { USD, type SimResult } from '../../src/demo/simulate'
import type { TxBatch } from '../../src/demo/txbatch'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { query } from '../helpers/db'
import { indexedDemo } from '../helpers/demo'
import { graphqlData } from '../helpers/http'

/**
 * Queries as of a block, on the small demo economy. Expected values come from the simulator's plan
 * and from the chain's own views read at that block (ERC-721 ownerOf, the registry's statusOf);
 * the index is used only to find the block of an event.
 */
let anvil: Anvil
let chain: TxBatch
let sim: SimResult
let db: string
let api: ApiServer

beforeAll(async () => {
  const demo = await indexedDemo(17, 'as_of')
  anvil = demo.anvil
  chain = demo.chain
  sim = demo.sim
  db = demo.db
  api = await startApiServer({ databaseUrl: db, port: 0 })
}, 180_000)
afterAll(async () => {
  await api?.close()
  await anvil?.stop()
})

/** A uint256-taking view of the registry, called at a block: the 32-byte word it returns. */
async function viewAt(selector: string, gpuId: bigint, block: number): Promise<string> {
  const data = selector + gpuId.toString(16).padStart(64, '0')
  const word = await chain.rpc<string>('eth_call', [
    { to: sim.deployment.gpuRegistry, data },
    `0x${block.toString(16)}`,
  ])
  return word.slice(2)
}
const ownerOfAt = async (gpuId: bigint, block: number) =>
  `0x${(await viewAt(toFunctionSelector('ownerOf(uint256)'), gpuId, block)).slice(24)}`
const statusOfAt = async (gpuId: bigint, block: number) =>
  Number(BigInt(`0x${await viewAt(toFunctionSelector('statusOf(uint256)'), gpuId, block)}`))

const gpuAt = async (gpuId: bigint, block: number) =>
  (
    await graphqlData(
      api.url,
      `{ gpu(id: "${gpuId}", asOfBlock: ${block}) { status valuation owner { address } transfers { to { address } evidence { blockNumber } } } }`,
    )
  ).gpu

const blockOf = async (table: string, gpuId: bigint) =>
  (
    await query(db, `SELECT block_number FROM ${table} WHERE gpu_id = $1 ORDER BY block_number DESC LIMIT 1`, [
      `31337:${gpuId}`,
    ])
  )[0].block_number as number

describe('gpu(id, asOfBlock)', () => {
  it('shows the owner before a transfer and after it, as ownerOf said at those blocks', async () => {
    const tr = sim.transfers[0]
    const b = await blockOf('gpu_transfer', tr.gpuId)
    const before = await gpuAt(tr.gpuId, b - 1)
    expect(before.owner.address).toBe(tr.from.toLowerCase())
    expect(await ownerOfAt(tr.gpuId, b - 1)).toBe(tr.from.toLowerCase())
    // its transfers as of then: the mint only
    expect(before.transfers.every((x: any) => x.evidence.blockNumber <= b - 1)).toBe(true)
    expect(before.transfers.length).toBe(1)
    const after = await gpuAt(tr.gpuId, b)
    expect(after.owner.address).toBe(tr.to.toLowerCase())
    expect(await ownerOfAt(tr.gpuId, b)).toBe(tr.to.toLowerCase())
    expect(after.transfers.length).toBe(2)
  })

  it('shows the valuation before a revaluation (the SKU price it was registered at) and after it', async () => {
    const rv = sim.revaluations[0]
    const b = await blockOf('gpu_valuation', rv.gpuId)
    const sku = sim.gpus.find((g) => g.gpuId === rv.gpuId)!.sku
    const registered = {
      'H100-SXM-80GB': 30_000n,
      'H200-SXM-141GB': 38_000n,
      'A100-80GB': 15_000n,
      'L40S-48GB': 9_000n,
    }[sku]!
    expect((await gpuAt(rv.gpuId, b - 1)).valuation).toBe(String(registered * USD))
    expect((await gpuAt(rv.gpuId, b)).valuation).toBe(String(rv.valuation))
    expect(rv.valuation).toBe((registered * USD * 85n) / 100n)
  })

  it("shows the status at a block as the registry's statusOf did, and no GPU before its registration", async () => {
    const order = ['ACTIVE', 'MAINTENANCE', 'OFFLINE', 'RETIRED']
    const rows = await query<{ gpu_id: string; block_number: number }>(
      db,
      `SELECT gpu_id, block_number FROM gpu_status_change ORDER BY block_number, log_index`,
    )
    expect(rows.length).toBeGreaterThan(1)
    for (const r of rows) {
      const gpuId = BigInt(r.gpu_id.split(':')[1])
      for (const block of [r.block_number - 1, r.block_number]) {
        const then = await gpuAt(gpuId, block)
        if (!then) continue // not registered yet
        expect([gpuId, block, then.status]).toEqual([gpuId, block, order[await statusOfAt(gpuId, block)]])
      }
    }
    const [first] = await query(db, `SELECT gpu_id, registered_block FROM gpu ORDER BY registered_block LIMIT 1`)
    const firstId = BigInt(first.gpu_id)
    expect(await gpuAt(firstId, first.registered_block - 1)).toBeNull()
    expect(await gpuAt(firstId, first.registered_block)).not.toBeNull()
  })

  it('refuses a block the index does not have yet, naming asOfBlock', async () => {
    const r = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ gpu(id: "1", asOfBlock: ${sim.headBlock + 1000}) { id } }` }),
    }).then((x) => x.json() as Promise<any>)
    expect(r.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'asOfBlock' } })
    expect(r.errors[0].message).toBe(
      `block ${sim.headBlock + 1000} is not indexed on chain 31337 yet (indexed to ${sim.headBlock})`,
    )
  })
})
