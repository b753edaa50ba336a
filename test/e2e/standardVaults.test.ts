import type { Address } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import { startApiServer, type ApiServer } from '../../src/api/server'
import type { TxBatch } from '../../src/demo/txbatch'
import { graphqlData } from '../helpers/http'
import { testChain } from '../helpers/chain'
import { freshDatabase, query } from '../helpers/db'
import { localNetwork, runProcessor, writeTempConfig } from '../helpers/processor'

/**
 * Unmodified OpenZeppelin ERC-4626 vaults over OpenZeppelin ERC-20 assets, indexed with nothing of
 * ours on chain: yield arrives as plain transfers of the asset, and one strategy vault gains without
 * any log. Every expected value is read from the vault's own view functions (totalAssets,
 * totalSupply, decimals, balanceOf) at the block in question, and the rates are worked out here.
 */
const DAY = 86_400
const START = 1_790_000_000 - (1_790_000_000 % DAY) // a UTC midnight
const DAYS = 12
const SAMPLE = 3600

let anvil: Anvil
let chain: TxBatch
let api: ApiServer
let db: string
let accounts: Address[]
let head: number
let times: number[] = []

interface Case {
  name: string
  vault: Address
  asset: Address
  unit: bigint
}
const cases: Case[] = []
let strategy: Case
let registry: Address
let mkr: Address
let usdcAddress: Address

const at = (day: number, hour: number) => START + day * DAY + hour * 3600
const iso = (t: number) => new Date(t * 1000).toISOString()

const gql = (q: string, variables: object = {}) => graphqlData(api.url, q, variables)

/** The chain's own state of a vault at the end of a block. */
async function stateAt(c: Case, block: number) {
  const [ta, ts, ad, sd] = await Promise.all([
    chain.read<bigint>(c.vault, 'PlainVault', 'totalAssets', [], block),
    chain.read<bigint>(c.vault, 'PlainVault', 'totalSupply', [], block),
    chain.read<number>(c.asset, 'TestToken', 'decimals', [], block),
    chain.read<number>(c.vault, 'PlainVault', 'decimals', [], block),
  ])
  // a wallet's price of one share, in asset units
  const pps = ts === 0n ? null : Number(ta) / 10 ** Number(ad) / (Number(ts) / 10 ** Number(sd))
  return { ta, ts, pps }
}

/** The last block with time <= t. */
function blockAt(t: number): number {
  let n = -1
  for (let i = 0; i < times.length; i++) if (times[i] <= t) n = i
  return n
}

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  chain = t.chain
  accounts = t.accounts
  const [admin, alice, bob, carol, dave, erin] = accounts
  await chain.mine(START - DAY) // deployments the day before
  const usdc = await chain.deploy(admin, 'TestToken', ['USD Coin', 'USDC', 6])
  const dai = await chain.deploy(admin, 'TestToken', ['Dai', 'DAI', 18])
  await chain.mine(START - DAY + 60)
  const vaults: [string, 'PlainVault' | 'OffsetVault', Address, bigint][] = [
    ['plain over 18 decimals', 'PlainVault', dai, 10n ** 18n],
    ['plain over 6 decimals', 'PlainVault', usdc, 10n ** 6n],
    ['offset over 6 decimals', 'OffsetVault', usdc, 10n ** 6n],
    ['offset over 18 decimals', 'OffsetVault', dai, 10n ** 18n],
  ]
  for (const [name, contract, asset, unit] of vaults)
    cases.push({ name, vault: await chain.deploy(admin, contract, [asset]), asset, unit })
  usdcAddress = usdc
  // a GPU registry whose GPUs are valued in three kinds of asset (the metadata test below)
  registry = await chain.deploy(admin, 'GpuRegistry')
  mkr = await chain.deploy(admin, 'Bytes32Token')
  strategy = {
    name: 'strategy',
    vault: await chain.deploy(admin, 'StrategyVault', [dai]),
    asset: dai,
    unit: 10n ** 18n,
  }
  await chain.mine(START - DAY + 120)
  for (const who of [alice, bob, carol, dave, erin]) {
    for (const a of [usdc, dai]) await chain.call(admin, a, 'TestToken', 'transfer', [who, 10n ** 30n / 10n])
  }
  await chain.mine(START - DAY + 180)
  for (const who of [alice, bob, carol, dave, erin, admin]) {
    for (const c of [...cases, strategy]) await chain.call(who, c.asset, 'TestToken', 'approve', [c.vault, 2n ** 255n])
  }
  const label = (t: string) => `0x${Buffer.from(t).toString('hex').padEnd(64, '0')}`
  const ZERO = '0x0000000000000000000000000000000000000000'
  for (const [id, asset] of [
    [1n, mkr],
    [2n, ZERO],
    [3n, usdc],
  ] as const) {
    await chain.call(admin, registry, 'GpuRegistry', 'register', [
      id,
      alice,
      bob,
      label('H100'),
      label('eu'),
      1000n,
      asset,
    ])
  }
  await chain.mine(START - DAY + 240)

  for (let day = 0; day < DAYS; day++) {
    for (const c of cases) {
      const u = c.unit
      const vault = (from: Address, fn: string, args: unknown[]) => chain.call(from, c.vault, 'PlainVault', fn, args)
      if (day === 0) {
        await vault(alice, 'deposit', [1_000n * u, alice])
        await vault(bob, 'deposit', [500n * u, carol]) // to another receiver
      }
      if (day === 3) {
        const shares = await chain.read<bigint>(c.vault, 'PlainVault', 'previewDeposit', [100n * u])
        await vault(carol, 'mint', [shares, carol])
      }
      if (day === 5) {
        const shares = await chain.read<bigint>(c.vault, 'PlainVault', 'balanceOf', [alice])
        await chain.call(alice, c.vault, 'PlainVault', 'transfer', [dave, shares / 4n])
      }
      if (day === 6) await vault(alice, 'withdraw', [200n * u, erin, alice]) // to another receiver
      if (day === 7) {
        const shares = await chain.read<bigint>(c.vault, 'PlainVault', 'balanceOf', [dave])
        await vault(dave, 'redeem', [shares, alice, dave])
      }
      if (day === 8) {
        // a full exit: everyone redeems everything
        for (const who of [alice, carol]) {
          const shares = await chain.read<bigint>(c.vault, 'PlainVault', 'balanceOf', [who])
          if (shares > 0n) await vault(who, 'redeem', [shares, who, who])
        }
      }
      if (day === 9) await vault(bob, 'deposit', [300n * u, bob]) // and a new start
      // yield the way it reaches a real vault: a plain transfer of the asset (none on the exit day)
      if (day >= 1 && day !== 8)
        await chain.call(admin, c.asset, 'TestToken', 'transfer', [c.vault, ((3n + BigInt(day % 3)) * u) / 2n])
    }
    if (day === 0) await chain.call(alice, strategy.vault, 'PlainVault', 'deposit', [1_000n * strategy.unit, alice])
    await chain.mine(at(day, 6))
    // the strategy gains at 07:00 with no log; empty blocks every 20 minutes let the samples see it
    if (day >= 1) await chain.call(admin, strategy.vault, 'StrategyVault', 'gain', [BigInt(day) * 10n ** 17n])
    await chain.mine(at(day, 7))
    for (let m = at(day, 7) + 1200; m < at(day + 1, 6); m += 1200) await chain.mine(m)
  }
  const latest = await chain.rpc<{ number: string }>('eth_getBlockByNumber', ['latest', false])
  head = Number(latest.number)
  const blocks = await chain.rpcBatch<{ timestamp: string }>(
    Array.from({ length: head + 1 }, (_, i) => ({
      method: 'eth_getBlockByNumber',
      params: [`0x${i.toString(16)}`, false],
    })),
  )
  times = blocks.map((b) => Number(b.timestamp))

  db = await freshDatabase('standard_vaults')
  const config = localNetwork(anvil.url, head, {
    vaultSampleSec: SAMPLE,
    nativeSymbol: 'GAS',
    contracts: { gpuVaults: [...cases, strategy].map((c) => c.vault), gpuRegistry: registry },
  })
  const r = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: db })
  if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
  api = await startApiServer({ databaseUrl: db, port: 0 })
}, 300_000)

afterAll(async () => {
  await api?.close()
  await anvil?.stop()
})

const YIELD_QUERY = `query ($v: String!, $from: DateTime!, $to: DateTime!) {
  vaultYield(vault: $v, from: $from, to: $to, bucket: DAY) {
    ppsStart ppsEnd apr apy tvl deposits withdrawals points { bucketStart pps tvl deposits withdrawals }
  } }`

describe.each([0, 1, 2, 3])('an OpenZeppelin ERC-4626 vault (case %i)', (i) => {
  const c = () => cases[i]

  it('serves every daily pps point, both window edges, APR, APY and TVL as the chain says', async () => {
    const from = at(2, 12)
    const to = at(DAYS - 1, 12)
    const r = (await gql(YIELD_QUERY, { v: c().vault.toLowerCase(), from: iso(from), to: iso(to) })).vaultYield
    const start = await stateAt(c(), blockAt(from))
    const end = await stateAt(c(), blockAt(to))
    expect(r.ppsStart).toBeCloseTo(start.pps!, 12)
    expect(r.ppsEnd).toBeCloseTo(end.pps!, 12)
    // a wallet shows about 1.0 for one share at the start, whatever the decimals or the offset
    expect(r.ppsStart).toBeGreaterThan(1)
    expect(r.ppsStart).toBeLessThan(1.1)
    const days = (to - from) / DAY
    const ratio = end.pps! / start.pps!
    expect(r.apr).toBeCloseTo(((ratio - 1) * 365) / days, 10)
    expect(r.apy).toBeCloseTo(ratio ** (365 / days) - 1, 10)
    expect(BigInt(r.tvl)).toBe(end.ta)
    for (const p of r.points) {
      const bucketEnd = Math.min(Date.parse(p.bucketStart) / 1000 + DAY, to)
      const s = await stateAt(c(), blockAt(bucketEnd))
      if (s.pps == null) expect(p.pps).toBeNull()
      else expect(p.pps).toBeCloseTo(s.pps, 12)
      expect(BigInt(p.tvl)).toBe(s.ta)
    }
    expect(r.points).toHaveLength(10)
  })

  it('sums the flows of the window from the Deposit and Withdraw events the vault emitted', async () => {
    const from = at(2, 12)
    const to = at(DAYS - 1, 12)
    const r = (await gql(YIELD_QUERY, { v: c().vault.toLowerCase(), from: iso(from), to: iso(to) })).vaultYield
    // the chain's own logs, decoded here: Deposit(sender, owner, assets, shares), Withdraw(…, assets, shares)
    const logs = await chain.rpc<{ topics: string[]; data: string; blockNumber: string }[]>('eth_getLogs', [
      { fromBlock: '0x0', toBlock: `0x${head.toString(16)}`, address: c().vault },
    ])
    const DEPOSIT = '0xdcbc1c05240f31ff3ad067ef1ee35ce4997762752e3a095284754544f4c709d7'
    const WITHDRAW = '0xfbde797d201c681b91056529119e0b02407c7bb96a4a2c75c01fc9667232c8db'
    let deposits = 0n
    let withdrawals = 0n
    for (const l of logs) {
      const t = times[Number(l.blockNumber)]
      if (t < from || t >= to) continue
      const assets = BigInt(`0x${l.data.slice(2, 66)}`)
      if (l.topics[0] === DEPOSIT) deposits += assets
      if (l.topics[0] === WITHDRAW) withdrawals += assets
    }
    expect(withdrawals).toBeGreaterThan(0n)
    expect([BigInt(r.deposits), BigInt(r.withdrawals)]).toEqual([deposits, withdrawals])
  })

  it('holds every holder’s shares as balanceOf says, and no phantom supply after the full exit', async () => {
    for (const a of accounts) {
      const [row] = await query(db, `SELECT shares FROM vault_position WHERE id = $1`, [
        `31337:${c().vault.toLowerCase()}-${a}`,
      ])
      expect(BigInt(row?.shares ?? 0)).toBe(await chain.read<bigint>(c().vault, 'PlainVault', 'balanceOf', [a]))
    }
    const exit = await stateAt(c(), blockAt(at(8, 12)))
    expect(exit.ts).toBe(0n)
    const [v] = await query(db, `SELECT state_source, total_supply, total_assets FROM vault WHERE id = $1`, [
      `31337:${c().vault.toLowerCase()}`,
    ])
    const now = await stateAt(c(), head)
    expect(v.state_source).toBe('CHAIN')
    expect([BigInt(v.total_assets), BigInt(v.total_supply)]).toEqual([now.ta, now.ts])
    const rejected = await query(db, `SELECT count(*)::int AS n FROM rejected_event`)
    expect(rejected[0].n).toBe(0)
  })
})

describe('a strategy vault whose assets grow without any log', () => {
  it('samples the first block at or after each whole hour, so pps is never more than an hour behind', async () => {
    const v = `31337:${strategy.vault.toLowerCase()}`
    const rows = await query(
      db,
      `SELECT block_number AS b FROM vault_state WHERE vault_id = $1 AND kind = 'SAMPLED' ORDER BY 1`,
      [v],
    )
    expect(rows.length).toBeGreaterThan(DAYS)
    const sampled = new Set(rows.map((r) => r.b as number))
    const first = (await query(db, `SELECT min(block_number) AS b FROM vault_state WHERE vault_id = $1`, [v]))[0].b
    for (let m = Math.floor(times[first] / SAMPLE) * SAMPLE + SAMPLE; m <= times[head]; m += SAMPLE) {
      const b = times.findIndex((t) => t >= m)
      // sampled, unless the block was observed anyway (the gain's block has no log, so none is)
      expect(sampled.has(b)).toBe(true)
    }
    // the served pps at each hour is the chain's at a block at most one sample period earlier
    for (let day = 2; day < DAYS; day++) {
      const t = at(day, 9)
      const r = (await gql(YIELD_QUERY, { v, from: iso(t - DAY), to: iso(t) })).vaultYield
      const truthNow = await stateAt(strategy, blockAt(t))
      const truthBefore = await stateAt(strategy, blockAt(t - SAMPLE))
      expect([truthNow.pps, truthBefore.pps].some((p) => Math.abs(p! - r.ppsEnd) < 1e-12)).toBe(true)
      // and the gain of 07:00 is in it by 09:00
      expect(r.ppsEnd).toBeCloseTo((await stateAt(strategy, blockAt(at(day, 8)))).pps!, 12)
    }
  })
})

describe('token metadata', () => {
  const ASSET_QUERY = `query ($a: String!) { asset(address: $a) { address symbol name decimals } }`

  it('reads string and bytes32 names and symbols once, and says unknown for what a token cannot answer', async () => {
    expect((await gql(ASSET_QUERY, { a: usdcAddress.toLowerCase() })).asset).toEqual({
      address: usdcAddress.toLowerCase(),
      symbol: 'USDC',
      name: 'USD Coin',
      decimals: 6,
    })
    // bytes32 name and symbol, and no decimals() at all
    expect((await gql(ASSET_QUERY, { a: mkr.toLowerCase() })).asset).toEqual({
      address: mkr.toLowerCase(),
      symbol: 'MKR',
      name: 'Maker',
      decimals: null,
    })
    // the native coin: the network file's nativeSymbol, 18 decimals
    const zero = '0x0000000000000000000000000000000000000000'
    expect((await gql(ASSET_QUERY, { a: zero })).asset).toEqual({
      address: zero,
      symbol: 'GAS',
      name: null,
      decimals: 18,
    })
    // an address the index never met
    expect((await gql(ASSET_QUERY, { a: accounts[1] })).asset).toBeNull()
  })

  it('names each entity’s asset beside its address, and each vault report’s', async () => {
    const r = await gql(`{ gpus { nodes { gpuId valuationAsset valuationAssetInfo { symbol decimals } } }
      vaults { nodes { address asset assetInfo { symbol decimals } shareDecimals stateSource } } }`)
    const bySymbol = Object.fromEntries(r.gpus.nodes.map((g: any) => [g.gpuId, g.valuationAssetInfo?.symbol ?? null]))
    expect(bySymbol).toEqual({ '1': 'MKR', '2': 'GAS', '3': 'USDC' })
    for (const c of cases) {
      const v = r.vaults.nodes.find((n: any) => n.address === c.vault.toLowerCase())
      const symbol = c.unit === 10n ** 6n ? 'USDC' : 'DAI'
      expect(v.assetInfo).toEqual({ symbol, decimals: c.unit === 10n ** 6n ? 6 : 18 })
      expect(v.shareDecimals).toBe(Number(await chain.read<number>(c.vault, 'PlainVault', 'decimals')))
      expect(v.stateSource).toBe('CHAIN')
    }
    const report = await gql(
      `query ($v: String!) { vaultYield(vault: $v, from: "${iso(at(2, 0))}", to: "${iso(at(3, 0))}") { assetInfo { symbol } } }`,
      { v: cases[1].vault.toLowerCase() },
    )
    expect(report.vaultYield.assetInfo).toEqual({ symbol: 'USDC' })
  })
})
