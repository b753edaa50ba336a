import { toFunctionSelector } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import { USD, type SimResult } from '../../src/demo/simulate'
import type { TxBatch } from '../../src/demo/txbatch'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { query } from '../helpers/db'
import { indexedDemo } from '../helpers/demo'
import { graphqlData } from '../helpers/http'
import { stringToHex, type Address } from 'viem'

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
let indexTo: (block: number) => Promise<void>

beforeAll(async () => {
  const demo = await indexedDemo(17, 'as_of')
  anvil = demo.anvil
  chain = demo.chain
  sim = demo.sim
  db = demo.db
  indexTo = demo.indexTo
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

const hex32 = (s: string) => stringToHex(s, { size: 32 })
const MV_BASE = hex32('llama-garden-8b@base')
const MV_CHAT = hex32('llama-garden-8b@chat')
const MV_QUANT = hex32('llama-garden-8b@chat-q4')
const WEB_V2 = hex32('web-crawl@2')

const LINEAGE = `query($id: ID!, $at: Int) { modelLineage(modelVersionId: $id, asOfBlock: $at) {
  root nodes { id kind resolved revoked depth invalidatedAt invalidatedTxHash evidence { txHash blockNumber } }
  edges { from to kind op weightBps inheritBps evidence { txHash } } } }`
const lineage = async (id: string, at?: number) => (await graphqlData(api.url, LINEAGE, { id, at })).modelLineage
const ATTRIBUTION = `query($id: ID!, $at: Int) { modelAttribution(modelVersionId: $id, asOfBlock: $at) {
  shares { contributor share contributions } unattributed } }`
const attribution = async (id: string, at?: number) =>
  (await graphqlData(api.url, ATTRIBUTION, { id, at })).modelAttribution
async function errorOf(q: string, variables: object) {
  const r = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: q, variables }),
  }).then((x) => x.json() as Promise<any>)
  return r.errors?.[0]
}
const blockOfRow = async (sql: string, values: unknown[]) => (await query(db, sql, values))[0].block_number as number

describe('provenance and revenue as of a block', () => {
  it('at the indexed head, answers as the plain queries do', async () => {
    for (const id of [MV_QUANT, MV_CHAT, MV_BASE]) {
      expect(await lineage(id, sim.headBlock)).toEqual(await lineage(id))
      expect(await attribution(id, sim.headBlock)).toEqual(await attribution(id))
    }
    const who = sim.contributions[0].contributor
    const impact = `query($c: String, $at: Int) { dataImpact(contributor: $c, asOfBlock: $at) { modelVersions { modelVersionId path } } }`
    const now = (await graphqlData(api.url, impact, { c: who })).dataImpact
    expect(now.modelVersions.length).toBeGreaterThan(0)
    expect((await graphqlData(api.url, impact, { c: who, at: sim.headBlock })).dataImpact).toEqual(now)
  })

  it("lacks a fine-tune's runs before they were attested, and the fine-tune itself before it was published", async () => {
    const published = await blockOfRow(`SELECT block_number FROM model_version WHERE id = $1`, [`31337:${MV_CHAT}`])
    const runs = await query(db, `SELECT id, block_number FROM training_run WHERE model_version_id = $1`, [
      `31337:${MV_CHAT}`,
    ])
    // the plan attests the chat model's two runs after publishing it
    expect(runs.length).toBe(2)
    expect(runs.every((r) => r.block_number > published)).toBe(true)

    const then = await lineage(MV_CHAT, published)
    const chat = `model:31337:${MV_CHAT}`
    const base = `model:31337:${MV_BASE}`
    expect(then.edges.filter((e: any) => e.from === chat).map((e: any) => [e.kind, e.to])).toEqual([
      ['FINETUNED_FROM', base],
    ])
    // the base model's one run (day 2) is there; the instructions version only the chat runs used is not
    expect(then.edges.filter((e: any) => e.from === base && e.kind === 'GENERATED_BY')).toHaveLength(1)
    const ids = then.nodes.map((n: any) => n.id)
    expect(ids).not.toContain(`dataset:31337:${hex32('instructions@1')}`)
    for (const r of runs) expect(ids).not.toContain(`run:${r.id}`)
    expect(then.nodes.find((n: any) => n.id === base).depth).toBe(1)
    // every edge and node evidence lies inside the cut
    for (const x of [...then.nodes, ...then.edges])
      if (x.evidence) expect(x.evidence.blockNumber ?? 0).toBeLessThanOrEqual(published)

    const now = await lineage(MV_CHAT)
    for (const r of runs) expect(now.nodes.map((n: any) => n.id)).toContain(`run:${r.id}`)

    const before = await errorOf(LINEAGE, { id: MV_CHAT, at: published - 1 })
    expect(before.extensions.code).toBe('NOT_FOUND')
    expect(before.message).toBe(`model version ${MV_CHAT} did not exist as of block ${published - 1}`)
  })

  it('keeps a contribution unrevoked as of a block before its revocation, as the registry said then', async () => {
    const x = sim.contributions.find((c) => c.version === WEB_V2 && !c.revoked)!
    const beforeAttribution = await attribution(MV_BASE)
    const [{ owner }] = await query(
      db,
      `SELECT split_part(ds.owner_id, ':', 2) AS owner FROM dataset_version v JOIN dataset ds ON ds.id = v.dataset_id WHERE v.id = $1`,
      [`31337:${WEB_V2}`],
    )
    await chain.call(owner as Address, sim.deployment.dataRegistry, 'DataRegistry', 'revokeContribution', [
      BigInt(x.id),
      2,
    ])
    await chain.mine(chain.timestamp + 60)
    const revokedAt = Number(await chain.rpc<string>('eth_blockNumber', []))
    await indexTo(revokedAt)

    const revokedOnChain = async (block: number) =>
      (
        await chain.read<[string, boolean]>(
          sim.deployment.dataRegistry,
          'DataRegistry',
          'contributions',
          [BigInt(x.id)],
          block,
        )
      )[1]
    expect(await revokedOnChain(revokedAt - 1)).toBe(false)
    expect(await revokedOnChain(revokedAt)).toBe(true)

    const node = async (at?: number) =>
      (await lineage(MV_BASE, at)).nodes.find((n: any) => n.id === `contribution:31337:${x.id}`)
    expect(await node(revokedAt - 1)).toMatchObject({ revoked: false, invalidatedAt: null, invalidatedTxHash: null })
    // the block holds the one revoking transaction
    const block = await chain.rpc<{ transactions: string[]; timestamp: string }>('eth_getBlockByNumber', [
      `0x${revokedAt.toString(16)}`,
      false,
    ])
    expect(block.transactions).toHaveLength(1)
    expect(await node(revokedAt)).toMatchObject({
      revoked: true,
      invalidatedTxHash: block.transactions[0],
      invalidatedAt: new Date(Number(block.timestamp) * 1000).toISOString(),
    })
    expect(await node()).toMatchObject({ revoked: true })

    // attribution: as of the block before, the answer given before the revocation; after it, the contributor's
    // share lost x's weight
    expect(await attribution(MV_BASE, revokedAt - 1)).toEqual(beforeAttribution)
    const after = await attribution(MV_BASE, revokedAt)
    expect(after).toEqual(await attribution(MV_BASE))
    const share = (a: any) => a.shares.find((s: any) => s.contributor === x.contributor.toLowerCase())
    expect(share(after)?.contributions ?? 0).toBe(share(beforeAttribution).contributions - 1)
  })

  it('shows an entitlement unclaimed as of the block before its claim, as the token said then', async () => {
    const [c] = await query(
      db,
      `SELECT c.block_number, c.amount::text, split_part(c.holder_id, ':', 2) AS holder, split_part(c.token_id, ':', 2) AS token,
              s.snapshot_id::text AS snapshot
         FROM revenue_claim c JOIN revenue_snapshot s ON s.id = c.snapshot_id JOIN model_token t ON t.id = c.token_id
        WHERE t.standard = 'DEAI' ORDER BY c.block_number LIMIT 1`,
    )
    const b = c.block_number as number
    const token = c.token as Address
    const holder = c.holder as Address
    const at = async (block: number) =>
      (
        await graphqlData(
          api.url,
          `query($t: String!, $h: String!, $b: Int) { holderRevenue(token: $t, holder: $h, asOfBlock: $b) { balance entitled claimed unclaimed expired } }`,
          { t: token, h: holder, b: block },
        )
      ).holderRevenue
    const read = <T>(fn: string, args: unknown[], block: number) => chain.read<T>(token, 'ModelToken', fn, args, block)
    const snapshot = BigInt(c.snapshot)
    expect(await read<boolean>('claimed', [snapshot, holder], b - 1)).toBe(false)
    expect(await read<boolean>('claimed', [snapshot, holder], b)).toBe(true)
    const entitlement = await read<bigint>('entitlement', [holder, snapshot], b - 1)
    expect(String(entitlement)).toBe(c.amount)

    const before = await at(b - 1)
    const after = await at(b)
    expect(BigInt(before.unclaimed) - BigInt(after.unclaimed)).toBe(entitlement)
    expect(BigInt(after.claimed) - BigInt(before.claimed)).toBe(entitlement)
    // the first claim of the plan's own tokens: nothing was claimed before it
    expect(before.claimed).toBe('0')
    expect(before.entitled).toBe(after.entitled)
    expect(before.balance).toBe(String(await read<bigint>('balanceOf', [holder], b - 1)))
  })
})
