import { type Address, encodeAbiParameters, encodeEventTopics, encodeFunctionData } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import { artifact } from '../../src/demo/artifacts'
import type { TxBatch } from '../../src/demo/txbatch'
import { testChain } from '../helpers/chain'
import { freshDatabase, query } from '../helpers/db'
import { localNetwork, runProcessor, writeTempConfig } from '../helpers/processor'

/**
 * A bare emitter at a configured vault address: it answers no call, so its state is the v1 event
 * rules (docs/interface.md, EVENTS vaults): Deposit adds, Withdraw subtracts, YieldAccrued sets both,
 * and a withdrawal larger than that state breaks a rule. Expected values are worked out here.
 */
let anvil: Anvil
let chain: TxBatch
let db: string
let vault: Address
let accounts: Address[]

const abi = artifact('GpuVault').abi

async function emit(from: Address, name: string, args: Record<string, unknown>) {
  const event = abi.find((e: any) => e.type === 'event' && e.name === name) as any
  const topics = encodeEventTopics({ abi: [event], eventName: name, args } as any)
  const data = encodeAbiParameters(
    event.inputs.filter((i: any) => !i.indexed),
    event.inputs.filter((i: any) => !i.indexed).map((i: any) => args[i.name]),
  )
  const call = encodeFunctionData({ abi: artifact('RawEmitter').abi, functionName: 'emitRaw', args: [topics, data] })
  await chain.raw(from, vault, call, `${name} from the bare emitter`)
}

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  chain = t.chain
  accounts = t.accounts
  const [admin, alice, bob] = accounts
  vault = await chain.deploy(admin, 'RawEmitter')
  await chain.mine(chain.timestamp + 60)
  await emit(admin, 'Deposit', { sender: alice, owner: alice, assets: 1_000n, shares: 1_000n })
  await emit(admin, 'Deposit', { sender: bob, owner: bob, assets: 500n, shares: 500n })
  await chain.mine(chain.timestamp + 3600)
  await emit(admin, 'YieldAccrued', { assetsAdded: 150n, totalAssets: 1_650n, totalSupply: 1_500n })
  await chain.mine(chain.timestamp + 3600)
  await emit(admin, 'Withdraw', { sender: alice, receiver: alice, owner: alice, assets: 550n, shares: 500n })
  // more than the state holds: a broken rule for a vault whose state is its events
  await emit(admin, 'Withdraw', { sender: bob, receiver: bob, owner: bob, assets: 5_000n, shares: 5_000n })
  await chain.mine(chain.timestamp + 3600)
  const head = Number((await chain.rpc<{ number: string }>('eth_getBlockByNumber', ['latest', false])).number)
  db = await freshDatabase('event_vault')
  const r = await runProcessor({
    NETWORK_CONFIG: writeTempConfig(localNetwork(anvil.url, head, { contracts: { gpuVaults: [vault] } })),
    DATABASE_URL: db,
  })
  if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
}, 120_000)

afterAll(async () => {
  await anvil?.stop()
})

it('keeps the v1 event rules as the state of a vault that answers no call', async () => {
  const [v] = await query(
    db,
    `SELECT state_source, asset, asset_decimals, share_decimals, total_assets, total_supply, price_per_share
       FROM vault WHERE id = $1`,
    [`31337:${vault.toLowerCase()}`],
  )
  // 1,000 + 500 in, set to 1,650 / 1,500 by the accrual, 550 / 500 out; the oversized withdrawal refused
  expect(v).toEqual({
    state_source: 'EVENTS',
    asset: null,
    asset_decimals: 18,
    share_decimals: 18,
    total_assets: '1100',
    total_supply: '1000',
    price_per_share: '1.1',
  })
  const states = await query(db, `SELECT kind, total_assets, total_supply FROM vault_state ORDER BY id`)
  expect(states.map((s) => [s.kind, s.total_assets, s.total_supply])).toEqual([
    ['DEPOSIT', '1000', '1000'],
    ['DEPOSIT', '1500', '1500'],
    ['YIELD', '1650', '1500'],
    ['WITHDRAW', '1100', '1000'],
  ])
  const rejected = await query(db, `SELECT event_name, reason FROM rejected_event`)
  expect(rejected).toEqual([
    { event_name: 'Withdraw', reason: 'withdraw of 5000 assets / 5000 shares exceeds the vault state 1100 / 1000' },
  ])
})
