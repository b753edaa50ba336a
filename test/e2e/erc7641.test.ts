import type { Address } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import type { TxBatch } from '../../src/demo/txbatch'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { graphqlData } from '../helpers/http'
import { testChain } from '../helpers/chain'
import { freshDatabase, query } from '../helpers/db'
import { localNetwork, runProcessor, writeTempConfig } from '../helpers/processor'
import { addressKeyOnTestChain as C, nativeSql as N } from '../helpers/ids'

/**
 * ERC-7641 tokens as written (our Erc7641Token, on OpenZeppelin 4's ERC20Snapshot): they log only
 * Transfer (and Snapshot), revenue arrives as plain native coin, and claims and burns pay without a
 * log. One is standalone (listed in modelTokens), one is deployed and announced by a factory. Expected
 * values come from the tokens' own view functions at the block in question, and from the
 * transactions the test sent.
 */
const ETH = 10n ** 18n
const T = 10n ** 18n // one whole token
const DAY = 86_400
const START = 1_790_000_000 - (1_790_000_000 % DAY)

let anvil: Anvil
let chain: TxBatch
let db: string
let accounts: Address[]
let standalone: Address
let announced: Address
let burnBlock: number
/** [token, snapshot id, block of its Snapshot log] */
const snapshots: [Address, bigint, number][] = []
let api: ApiServer
const at = (day: number, hour: number) => START + day * DAY + hour * 3600

async function blockNumber(): Promise<number> {
  return Number((await chain.rpc<{ number: string }>('eth_getBlockByNumber', ['latest', false])).number)
}

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  chain = t.chain
  accounts = t.accounts
  const [admin, alice, bob, carol] = accounts
  await chain.mine(START - DAY)
  standalone = await chain.deploy(admin, 'Erc7641Token', ['Model A', 'MDA', 1000n * T, 60n, 0n, false])
  const factory = await chain.deploy(admin, 'Erc7641Factory')
  await chain.mine(START - DAY + 60)
  await chain.call(admin, factory, 'Erc7641Factory', 'create', [1n, 'Model B', 'MDB', 500n * T, 40n, true])
  await chain.mine(START)
  announced = `0x${(
    await chain.rpc<{ topics: string[] }[]>('eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest', address: factory }])
  )[0].topics[2].slice(26)}` as Address

  for (const token of [standalone, announced]) {
    await chain.call(admin, token, 'Erc7641Token', 'transfer', [alice, 150n * T])
    await chain.call(admin, token, 'Erc7641Token', 'transfer', [bob, 100n * T])
  }
  await chain.mine(at(0, 6))
  // revenue: native coin sent to the token, no log; a failed transaction's value is not revenue
  await chain.send(carol, standalone, { value: 10n * ETH })
  await chain.send(carol, announced, { value: 4n * ETH })
  await chain.send(carol, standalone, { value: ETH, name: 'Erc7641Token', fn: 'claim', args: [1n], mayFail: true })
  await chain.mine(at(1, 6))
  await chain.send(alice, standalone, { value: 2n * ETH })
  await chain.mine(at(1, 12))
  burnBlock = (await blockNumber()) + 1
  await chain.call(bob, standalone, 'Erc7641Token', 'burn', [40n * T])
  await chain.mine(at(2, 6))

  // snapshots: each holder's entitlement is fixed by the token at that block
  const snapshot = async (token: Address, day: number) => {
    await chain.call(admin, token, 'Erc7641Token', 'snapshot')
    await chain.mine(at(day, 6))
    // OpenZeppelin's snapshot ids count from 1 per token
    const id = BigInt(snapshots.filter(([t]) => t === token).length + 1)
    snapshots.push([token, id, await blockNumber()])
  }
  await snapshot(standalone, 3)
  await snapshot(announced, 3)
  // claims: one claim, one claimBatch, and a failed one (carol held nothing at the snapshot)
  await chain.call(alice, standalone, 'Erc7641Token', 'claim', [1n])
  await chain.call(bob, standalone, 'Erc7641Token', 'claimBatch', [[1n]])
  await chain.send(carol, standalone, { name: 'Erc7641Token', fn: 'claim', args: [1n], mayFail: true })
  await chain.call(alice, announced, 'Erc7641Token', 'claim', [1n])
  await chain.call(alice, announced, 'Erc7641Token', 'transfer', [carol, 50n * T])
  await chain.send(carol, announced, { value: 5n * ETH })
  await chain.mine(at(4, 6))
  await snapshot(announced, 5)
  await chain.send(carol, announced, { value: 3n * ETH })
  await chain.mine(at(6, 0))
  // the third snapshot of the expiring token rolls the unclaimed entitlements of the first into it
  await snapshot(announced, 6)

  const head = await blockNumber()
  db = await freshDatabase('erc7641')
  const config = localNetwork(anvil.url, head, {
    nativeSymbol: 'ETH',
    modelTokens: [{ address: standalone, standard: 'erc7641' }],
    contracts: { modelTokenFactory: factory },
  })
  const r = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: db })
  if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
  api = await startApiServer({ databaseUrl: db, port: 0 })
}, 300_000)

afterAll(async () => {
  await api?.close()
  await anvil?.stop()
})

const gql = (q: string, variables: object = {}) => graphqlData(api.url, q, variables)

const token = (address: string) => query(db, `SELECT * FROM model_token WHERE id = $1`, [C(address)]).then((r) => r[0])

it('knows both tokens as ERC-7641, with the token’s own percentClaimable and the native coin as revenue asset', async () => {
  const a = await token(standalone)
  expect([a.standard, a.model_id, a.factory, a.creator_id, a.name, a.symbol]).toEqual([
    'ERC7641',
    null,
    null,
    null,
    'Model A',
    'MDA',
  ])
  expect([a.claimable_bps, a.revenue_asset]).toEqual([6000, '0x0000000000000000000000000000000000000000'])
  const b = await token(announced)
  // the factory announced 9000 bps; the token says 40 %
  expect([b.standard, b.model_id, b.name, b.claimable_bps]).toEqual(['ERC7641', '1', 'Model B', 4000])
})

it('holds every balance and the supply as balanceOf and totalSupply say', async () => {
  for (const t of [standalone, announced]) {
    for (const a of accounts) {
      const [h] = await query(db, `SELECT balance FROM holder WHERE id = $1`, [C(`${t}-${a}`)])
      expect(BigInt(h?.balance ?? 0)).toBe(await chain.read<bigint>(t, 'Erc7641Token', 'balanceOf', [a]))
    }
    expect(BigInt((await token(t)).total_supply)).toBe(await chain.read<bigint>(t, 'Erc7641Token', 'totalSupply'))
  }
})

it('counts the native coin of successful transactions to the token as revenue, and nothing of a failed one', async () => {
  const rows = await query(
    db,
    `SELECT "from" AS f, amount, log_index FROM revenue_receipt WHERE token_id = $1 ORDER BY id`,
    [C(standalone)],
  )
  expect(rows).toEqual([
    { f: accounts[3], amount: (10n * ETH).toString(), log_index: null },
    { f: accounts[1], amount: (2n * ETH).toString(), log_index: null },
  ])
  expect(BigInt((await token(standalone)).revenue_received)).toBe(12n * ETH)
  // 4 ETH on day 0, then 5 and 3 before the second and third snapshots
  expect(BigInt((await token(announced)).revenue_received)).toBe(12n * ETH)
})

it('pays a burn what redeemableOnBurn said at the block before it', async () => {
  const rows = await query(db, `SELECT ${N('holder_id')} AS holder_id, burned, paid, block_number FROM burn_redemption`)
  const expected = await chain.read<bigint>(standalone, 'Erc7641Token', 'redeemableOnBurn', [40n * T], burnBlock - 1)
  expect(expected).toBeGreaterThan(0n)
  expect(rows).toEqual([
    { holder_id: accounts[2], burned: (40n * T).toString(), paid: expected.toString(), block_number: burnBlock },
  ])
  expect(BigInt((await token(standalone)).burned)).toBe(40n * T)
})

describe('snapshots', () => {
  it('fixes each holder’s entitlement at what claimableRevenue said at the snapshot block, and the supply at totalSupplyAt', async () => {
    expect(snapshots).toHaveLength(4)
    for (const [t, id, block] of snapshots) {
      const [row] = await query(
        db,
        `SELECT claimable, total_supply, new_revenue, block_number FROM revenue_snapshot WHERE id = $1`,
        [C(`${t}-${id}`)],
      )
      expect(row.block_number).toBe(block)
      expect(row.new_revenue).toBeNull()
      expect(BigInt(row.total_supply)).toBe(await chain.read<bigint>(t, 'Erc7641Token', 'totalSupplyAt', [id], block))
      let sum = 0n
      for (const a of accounts) {
        const onChain = await chain.read<bigint>(t, 'Erc7641Token', 'claimableRevenue', [a, id], block)
        const [e] = await query(db, `SELECT amount FROM entitlement WHERE id = $1`, [C(`${t}-${id}-${a}`)])
        expect(BigInt(e?.amount ?? 0)).toBe(onChain)
        sum += onChain
      }
      expect(sum).toBeGreaterThan(0n)
      expect(BigInt(row.claimable)).toBe(sum)
    }
  })

  it('marks the claims of successful claim and claimBatch transactions, and none of a failed one', async () => {
    const claims = await query(
      db,
      `SELECT ${N('c.holder_id')} AS holder_id, c.amount, c.tx_hash, e.amount AS entitled, e.claimed, e.claim_tx_hash
         FROM revenue_claim c JOIN entitlement e ON e.id = c.token_id || '-' || '1' || '-' || ${N('c.holder_id')}
        WHERE c.token_id = $1 ORDER BY c.block_number, c.id`,
      [C(standalone)],
    )
    expect(claims.map((c) => c.holder_id)).toEqual([accounts[1], accounts[2]])
    for (const c of claims) {
      expect(c.amount).toBe(c.entitled)
      expect([c.claimed, c.claim_tx_hash]).toEqual([true, c.tx_hash])
      // the token agrees: nothing left to claim
      expect(await chain.read<bigint>(standalone, 'Erc7641Token', 'claimableRevenue', [c.holder_id, 1n])).toBe(0n)
    }
    const token = (await query(db, `SELECT claimed_total FROM model_token WHERE id = $1`, [C(standalone)]))[0]
    expect(BigInt(token.claimed_total)).toBe(claims.reduce((n, c) => n + BigInt(c.amount), 0n))
  })

  it('expires the unclaimed entitlements the token rolled into a later snapshot, and serves them apart', async () => {
    const [admin, alice, bob] = accounts
    const t = announced.toLowerCase()
    const rows = await query(
      db,
      `SELECT ${N('holder_id')} AS holder_id, claimed, expired FROM entitlement WHERE id LIKE $1 ORDER BY holder_id`,
      [C(`${t}-1-%`)],
    )
    const byHolder = Object.fromEntries(rows.map((r) => [r.holder_id, [r.claimed, r.expired]]))
    expect(byHolder[alice]).toEqual([true, false])
    expect(byHolder[admin]).toEqual([false, true])
    expect(byHolder[bob]).toEqual([false, true])
    // the token says so too: nothing claimable from snapshot 1 any more, though never claimed
    expect(await chain.read<bigint>(announced, 'Erc7641Token', 'claimableRevenue', [admin, 1n])).toBe(0n)
    // holderRevenue: entitled = claimed + unclaimed + expired
    const q = `query ($t: String!, $h: String!) { holderRevenue(token: $t, holder: $h) { entitled claimed unclaimed expired } }`
    const r = (await gql(q, { t, h: bob })).holderRevenue
    const [e1] = await query(db, `SELECT amount FROM entitlement WHERE id = $1`, [C(`${t}-1-${bob}`)])
    expect(BigInt(r.expired)).toBe(BigInt(e1.amount))
    expect(BigInt(r.entitled)).toBe(BigInt(r.claimed) + BigInt(r.unclaimed) + BigInt(r.expired))
    let unclaimed = 0n
    for (const id of [2n, 3n])
      unclaimed += await chain.read<bigint>(announced, 'Erc7641Token', 'claimableRevenue', [bob, id])
    expect(BigInt(r.unclaimed)).toBe(unclaimed)
  })

  it('serves revenue per token as Σ claimable · 10^18 / totalSupplyAt, with null rates without an offering', async () => {
    let perToken = 0n
    for (const [t, id, block] of snapshots) {
      if (t !== announced) continue
      let claimable = 0n
      for (const a of accounts)
        claimable += await chain.read<bigint>(t, 'Erc7641Token', 'claimableRevenue', [a, id], block)
      perToken += (claimable * 10n ** 18n) / (await chain.read<bigint>(t, 'Erc7641Token', 'totalSupplyAt', [id], block))
    }
    const r = (
      await gql(
        `query ($t: String!) { modelTokenYield(token: $t, from: "${new Date((START - DAY) * 1000).toISOString()}", to: "${new Date(at(7, 0) * 1000).toISOString()}") { revenuePerToken snapshots apr offeringPrice } }`,
        {
          t: announced.toLowerCase(),
        },
      )
    ).modelTokenYield
    expect([BigInt(r.revenuePerToken), r.snapshots, r.apr, r.offeringPrice]).toEqual([perToken, 3, null, null])
  })
})
