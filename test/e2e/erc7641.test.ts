import type { Address } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import type { TxBatch } from '../../src/demo/txbatch'
import { testChain } from '../helpers/chain'
import { freshDatabase, query } from '../helpers/db'
import { runProcessor, writeTempConfig } from '../helpers/processor'

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

  const head = await blockNumber()
  db = await freshDatabase('erc7641')
  const config = {
    name: 'local',
    chainId: 31337,
    rpcUrl: anvil.url,
    finalityConfirmation: 5,
    toBlock: head,
    nativeSymbol: 'ETH',
    modelTokens: [{ address: standalone, standard: 'erc7641' }],
    contracts: { modelTokenFactory: factory },
  }
  const r = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: db })
  if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
}, 300_000)

afterAll(async () => {
  await anvil?.stop()
})

const token = (address: string) =>
  query(db, `SELECT * FROM model_token WHERE id = $1`, [address.toLowerCase()]).then((r) => r[0])

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
      const [h] = await query(db, `SELECT balance FROM holder WHERE id = $1`, [`${t.toLowerCase()}-${a}`])
      expect(BigInt(h?.balance ?? 0)).toBe(await chain.read<bigint>(t, 'Erc7641Token', 'balanceOf', [a]))
    }
    expect(BigInt((await token(t)).total_supply)).toBe(await chain.read<bigint>(t, 'Erc7641Token', 'totalSupply'))
  }
})

it('counts the native coin of successful transactions to the token as revenue, and nothing of a failed one', async () => {
  const rows = await query(
    db,
    `SELECT "from" AS f, amount, log_index FROM revenue_receipt WHERE token_id = $1 ORDER BY id`,
    [standalone.toLowerCase()],
  )
  expect(rows).toEqual([
    { f: accounts[3], amount: (10n * ETH).toString(), log_index: null },
    { f: accounts[1], amount: (2n * ETH).toString(), log_index: null },
  ])
  expect(BigInt((await token(standalone)).revenue_received)).toBe(12n * ETH)
  expect(BigInt((await token(announced)).revenue_received)).toBe(4n * ETH)
})

it('pays a burn what redeemableOnBurn said at the block before it', async () => {
  const rows = await query(db, `SELECT holder_id, burned, paid, block_number FROM burn_redemption`)
  const expected = await chain.read<bigint>(standalone, 'Erc7641Token', 'redeemableOnBurn', [40n * T], burnBlock - 1)
  expect(expected).toBeGreaterThan(0n)
  expect(rows).toEqual([
    { holder_id: accounts[2], burned: (40n * T).toString(), paid: expected.toString(), block_number: burnBlock },
  ])
  expect(BigInt((await token(standalone)).burned)).toBe(40n * T)
})
