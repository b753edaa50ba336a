import { execFileSync } from 'node:child_process'
import path from 'node:path'
import jsonld from 'jsonld'
import { keccak256, toHex } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor, OPERATOR_FEE_BPS, PROTOCOL_FEE_BPS } from '../../src/demo/deploy'
import { DAY, simulate, type SimResult } from '../../src/demo/simulate'
import type { TxBatch } from '../../src/demo/txbatch'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { testChain } from '../helpers/chain'
import { freshDatabase } from '../helpers/db'
import { runProcessor, writeTempConfig } from '../helpers/processor'

/**
 * Every analytics query of the API on the small economy (real chain → processor → Postgres → API).
 * Expected values are worked out here from the simulator's plan (what it asked the chain to do, at
 * which hour of which day) and from the contracts' view functions at a block, never from the index.
 */
let anvil: Anvil
let chain: TxBatch
let sim: SimResult
let api: ApiServer
let blockTimes: number[] = []
let dbUrl: string

const at = (day: number, hour: number) => sim.start + day * DAY + hour * 3600
const iso = (t: number) => new Date(t * 1000).toISOString()
const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n)

async function gql(q: string, variables: object = {}) {
  const r = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: q, variables }),
  })
  return (await r.json()) as { data?: any; errors?: any[] }
}

async function data(q: string, variables: object = {}) {
  const r = await gql(q, variables)
  if (r.errors) throw new Error(JSON.stringify(r.errors))
  return r.data
}

/** The last block with timestamp <= t (the state "as of" t). */
function blockAt(t: number): number {
  let n = -1
  for (let i = 0; i < blockTimes.length; i++) if (blockTimes[i] <= t) n = i
  return n
}

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  chain = t.chain
  sim = await simulate(chain, { seed: 13, size: 'small' })
  dbUrl = await freshDatabase('analytics')
  const config = { ...networkConfigFor(sim.deployment, anvil.url), toBlock: sim.headBlock }
  const r = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: dbUrl })
  if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
  api = await startApiServer({ databaseUrl: dbUrl, port: 0 })
  const blocks = await chain.rpcBatch<{ timestamp: string }>(
    Array.from({ length: sim.headBlock + 1 }, (_, i) => ({
      method: 'eth_getBlockByNumber',
      params: [`0x${i.toString(16)}`, false],
    })),
  )
  blockTimes = blocks.map((b) => Number(b.timestamp))
})
afterAll(async () => {
  await api?.close()
  await anvil?.stop()
})

describe('gpuYield', () => {
  const Q = `query($scope: GpuScope!, $from: DateTime!, $to: DateTime!) {
    gpuYield(scope: $scope, from: $from, to: $to) { asset gross operatorFee protocolFee net avgValuation apr apy } }`

  /** Net of the distributions of a GPU paid in [from, to): epoch e is paid at 04:00 of day e + 1. */
  function paid(gpuId: bigint, from: number, to: number) {
    let gross = 0n
    let net = 0n
    let fees = 0n
    for (const u of sim.usage.filter((x) => x.gpuId === gpuId)) {
      const t = at(u.epoch + 1, 4)
      if (t < from || t >= to) continue
      const op = (u.gross * OPERATOR_FEE_BPS) / 10000n
      const proto = (u.gross * PROTOCOL_FEE_BPS) / 10000n
      gross += u.gross
      fees += op
      net += u.gross - op - proto
    }
    return { gross, net, operatorFee: fees }
  }

  it('weights a revaluation by time: GPU 1 is revalued to 85% at 12:00 of day 5', async () => {
    const from = at(2, 0)
    const to = at(8, 0)
    const gpu = sim.gpus[0]
    const [rev] = sim.revaluations
    expect(rev.gpuId).toBe(1n)
    const before = (rev.valuation * 100n) / 85n
    const integral = before * BigInt(at(5, 12) - from) + rev.valuation * BigInt(to - at(5, 12))
    const avg = Number(integral) / (to - from)
    const { gross, net, operatorFee } = paid(gpu.gpuId, from, to)
    const apr = ((Number(net) / avg) * 365) / 6
    const r = (await data(Q, { scope: { gpuIds: ['1'] }, from: iso(from), to: iso(to) })).gpuYield
    expect(r.asset).toBe(sim.deployment.stablecoin.toLowerCase())
    expect([r.gross, r.operatorFee, r.net]).toEqual([gross.toString(), operatorFee.toString(), net.toString()])
    expect(BigInt(r.gross)).toBe(BigInt(r.operatorFee) + BigInt(r.protocolFee) + BigInt(r.net))
    expect(r.avgValuation).toBeCloseTo(avg, 3)
    expect(r.apr).toBeCloseTo(apr, 12)
    expect(r.apy).toBeCloseTo(Math.pow(1 + apr / 365, 365) - 1, 12)
  })

  it('starts the window of a late GPU at its registration, and has no rates before it', async () => {
    const late = sim.gpus[sim.gpus.length - 1]
    expect(late.registeredDay).toBe(4)
    const from = at(2, 0)
    const to = at(8, 0)
    const registeredAt = at(4, 1)
    const { net } = paid(late.gpuId, from, to)
    expect(net).toBeGreaterThan(0n)
    const days = (to - registeredAt) / DAY
    const r = (await data(Q, { scope: { gpuIds: [late.gpuId.toString()] }, from: iso(from), to: iso(to) })).gpuYield
    expect(r.net).toBe(net.toString())
    expect(r.avgValuation).toBe(Number(late.valuation))
    expect(r.apr).toBeCloseTo(((Number(net) / Number(late.valuation)) * 365) / days, 12)

    const early = (
      await data(Q, { scope: { gpuIds: [late.gpuId.toString()] }, from: iso(at(0, 0)), to: iso(at(3, 0)) })
    ).gpuYield
    expect(early).toMatchObject({ net: '0', avgValuation: null, apr: null, apy: null })
  })

  it.each([
    ['an operator', (g: (typeof sim.gpus)[number]) => g.operator === sim.gpus[0].operator],
    ['the whole fleet', () => true],
  ])('aggregates %s as Σ net / Σ (avgValuation · days) · 365', async (_name, inScope) => {
    const from = at(1, 12)
    const to = at(9, 0)
    let net = 0n
    let capitalDays = 0
    let avgSum = 0
    const gpus = sim.gpus.filter(inScope)
    // the fleet has GPUs registered inside the window: their mean runs over their own part of it
    if (gpus.length === sim.gpus.length) expect(gpus.some((g) => at(g.registeredDay, 1) > from)).toBe(true)
    for (const g of gpus) {
      net += paid(g.gpuId, from, to).net
      const start = Math.max(from, at(g.registeredDay, 1))
      // valuation history: the initial one, and for GPU 1 the revaluation at 12:00 of day 5
      const rev = sim.revaluations.find((r) => r.gpuId === g.gpuId)
      const v0 = rev ? (rev.valuation * 100n) / 85n : g.valuation
      const integral = rev
        ? Number(v0) * (at(5, 12) - start) + Number(rev.valuation) * (to - at(5, 12))
        : Number(v0) * (to - start)
      capitalDays += integral / DAY
      avgSum += integral / (to - start)
    }
    const scope =
      gpus.length === sim.gpus.length ? {} : { operator: sim.gpus[0].operator.toUpperCase().replace('0X', '0x') }
    const r = (await data(Q, { scope, from: iso(from), to: iso(to) })).gpuYield
    expect(r.net).toBe(net.toString())
    expect(r.avgValuation).toBeCloseTo(avgSum, 3)
    expect(r.apr).toBeCloseTo((Number(net) / capitalDays) * 365, 12)
  })

  it('counts a corrected epoch with the correction only', async () => {
    const u = sim.usage.find((x) => x.corrected)!
    expect(u).toBeDefined()
    const r = await data(
      `query($g: [BigInt!], $from: DateTime!, $to: DateTime!) {
          gpuUtilization(scope: { gpuIds: $g }, from: $from, to: $to) { availableSec rentedSec }
          usageRecords(filter: { gpuId: "${u.gpuId}", corrected: true }) { nodes { epoch rentedSec reports } } }`,
      { g: [u.gpuId.toString()], from: iso(u.epochStart), to: iso(u.epochStart + DAY) },
    )
    expect(r.gpuUtilization).toEqual({ availableSec: String(u.availableSec), rentedSec: String(u.rentedSec) })
    const rec = r.usageRecords.nodes.find((n: any) => n.epoch === String(u.epoch))
    expect(rec).toEqual({ epoch: String(u.epoch), rentedSec: u.rentedSec, reports: 2 })
  })

  it('refuses to mix valuation assets in one aggregate, naming them', async () => {
    // A GPU valued in the native coin joins the fleet after the economy's last day.
    const admin = sim.accounts[0]
    const label = (s: string) => `0x${Buffer.from(s).toString('hex').padEnd(64, '0')}`
    await chain.call(admin, sim.deployment.gpuRegistry, 'GpuRegistry', 'register', [
      900n,
      sim.accounts[5],
      sim.accounts[2],
      label('B200'),
      label('eu-west'),
      10n ** 18n,
      '0x0000000000000000000000000000000000000000',
    ])
    await chain.mine(sim.end + DAY)
    const head = Number(await chain.rpc<string>('eth_blockNumber', []))
    const config = { ...networkConfigFor(sim.deployment, anvil.url), toBlock: head }
    const r = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: dbUrl })
    expect(r.code).toBe(0)
    const res = await gql(Q, { scope: {}, from: iso(sim.start), to: iso(sim.end + 2 * DAY) })
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT')
    expect(res.errors?.[0].message).toContain('0x0000000000000000000000000000000000000000')
    expect(res.errors?.[0].message).toContain(sim.deployment.stablecoin.toLowerCase())
    // the same fleet over a window before that GPU existed is still one asset
    const ok = (await data(Q, { scope: {}, from: iso(sim.start), to: iso(sim.end) })).gpuYield
    expect(ok.asset).toBe(sim.deployment.stablecoin.toLowerCase())
  })
})

describe('gpuBreakdown', () => {
  it('gives every GPU the numbers gpuUtilization and gpuYield give it one by one, partial hours included', async () => {
    // a window with ragged edges, so whole days, whole hours and raw rows all take part
    const from = iso(sim.start + 5400)
    const to = iso(sim.end - 1800)
    const rows = (
      await data(
        `query($from: DateTime!, $to: DateTime!) { gpuBreakdown(scope: {}, from: $from, to: $to) {
          gpuId availableSec rentedSec utilization gross operatorFee protocolFee net avgValuation apr apy } }`,
        { from, to },
      )
    ).gpuBreakdown
    const ids = sim.gpus.map((g) => g.gpuId.toString())
    expect(rows.map((r: { gpuId: string }) => r.gpuId)).toEqual(expect.arrayContaining(ids))
    for (const id of ids) {
      const one = await data(
        `query($g: [BigInt!], $from: DateTime!, $to: DateTime!) {
          u: gpuUtilization(scope: { gpuIds: $g }, from: $from, to: $to) { availableSec rentedSec utilization }
          y: gpuYield(scope: { gpuIds: $g }, from: $from, to: $to) { gross operatorFee protocolFee net avgValuation apr apy } }`,
        { g: [id], from, to },
      )
      const row = rows.find((r: { gpuId: string }) => r.gpuId === id)
      expect({ ...row, gpuId: undefined }).toEqual({
        gpuId: undefined,
        ...one.u,
        gross: one.y.gross,
        operatorFee: one.y.operatorFee,
        protocolFee: one.y.protocolFee,
        net: one.y.net,
        avgValuation: one.y.avgValuation == null ? null : expect.closeTo(one.y.avgValuation, 6),
        apr: one.y.apr == null ? null : expect.closeTo(one.y.apr, 9),
        apy: one.y.apy == null ? null : expect.closeTo(one.y.apy, 9),
      })
    }
  })
})

describe('vaultYield', () => {
  const Q = `query($vault: String!, $from: DateTime!, $to: DateTime!, $bucket: Bucket) {
    vaultYield(vault: $vault, from: $from, to: $to, bucket: $bucket) {
      ppsStart ppsEnd apr apy tvl deposits withdrawals points { bucketStart pps } } }`

  async function stateAt(t: number) {
    const block = blockAt(t)
    const v = sim.deployment.gpuVault
    const assets = await chain.read<bigint>(v, 'GpuVault', 'totalAssets', [], block)
    const supply = await chain.read<bigint>(v, 'GpuVault', 'totalSupply', [], block)
    return { assets, supply, pps: Number(assets) / Number(supply) }
  }

  /** Deposit/Withdraw assets from the raw logs (topic0 of the ERC-4626 events), by block time. */
  async function flows(from: number, to: number) {
    const DEPOSIT = '0xdcbc1c05240f31ff3ad067ef1ee35ce4997762752e3a095284754544f4c709d7'
    const WITHDRAW = '0xfbde797d201c681b91056529119e0b02407c7bb96a4a2c75c01fc9667232c8db'
    const logs = await chain.rpc<{ topics: string[]; data: string; blockNumber: string }[]>('eth_getLogs', [
      { address: sim.deployment.gpuVault, fromBlock: '0x0', toBlock: 'latest' },
    ])
    let deposits = 0n
    let withdrawals = 0n
    for (const l of logs) {
      const t = blockTimes[Number(l.blockNumber)]
      if (t < from || t >= to) continue
      const assets = BigInt(`0x${l.data.slice(2, 66)}`) // first data word: assets in both events
      if (l.topics[0] === DEPOSIT) deposits += assets
      if (l.topics[0] === WITHDRAW) withdrawals += assets
    }
    return { deposits, withdrawals }
  }

  it('computes APR/APY from the price per share at the window edges, with daily points', async () => {
    const from = at(1, 0)
    const to = at(9, 0)
    const [a, b] = [await stateAt(from), await stateAt(to)]
    const ratio = b.pps / a.pps
    const f = await flows(from, to)
    expect(f.withdrawals).toBeGreaterThan(0n)
    const r = (await data(Q, { vault: sim.deployment.gpuVault, from: iso(from), to: iso(to), bucket: 'DAY' }))
      .vaultYield
    expect(r.ppsStart).toBeCloseTo(a.pps, 12)
    expect(r.ppsEnd).toBeCloseTo(b.pps, 12)
    expect(r.apr).toBeCloseTo(((ratio - 1) * 365) / 8, 12)
    expect(r.apy).toBeCloseTo(Math.pow(ratio, 365 / 8) - 1, 12)
    expect(r.tvl).toBe(b.assets.toString())
    expect([r.deposits, r.withdrawals]).toEqual([f.deposits.toString(), f.withdrawals.toString()])
    expect(r.points).toHaveLength(8)
    for (let d = 0; d < 8; d++) {
      expect(r.points[d].bucketStart).toBe(iso(at(1 + d, 0)))
      expect(r.points[d].pps).toBeCloseTo((await stateAt(at(2 + d, 0))).pps, 12)
    }
  })

  it('starts at the first event when the vault is younger than the window', async () => {
    const from = sim.start - 3 * DAY
    const to = at(3, 0)
    const first = at(0, 6) // the first deposits are mined at 06:00 of day 0
    const [a, b] = [await stateAt(first), await stateAt(to)]
    const days = (to - first) / DAY
    const r = (
      await data(Q, { vault: sim.deployment.gpuVault.toUpperCase().replace('0X', '0x'), from: iso(from), to: iso(to) })
    ).vaultYield
    expect(r.ppsStart).toBeCloseTo(a.pps, 12)
    expect(r.apr).toBeCloseTo(((b.pps / a.pps - 1) * 365) / days, 12)
    expect(r.points).toEqual([])
  })
})

describe('model tokens', () => {
  const Y = `query($token: String!, $from: DateTime!, $to: DateTime!) {
    modelTokenYield(token: $token, from: $from, to: $to) { offeringPrice revenuePerToken snapshots apr apy } }`

  /** Snapshot days of a model: every third day from day 5 (at 21:00) when it earned since the last one. */
  function snapshotDays(modelId: number): number[] {
    const days: number[] = []
    let last = -1
    for (let d = 5; d <= 10; d++) {
      if (d % 3 !== 2) continue
      if (sim.requests.some((r) => r.modelId === modelId && r.day > last && r.day <= d)) {
        days.push(d)
        last = d
      }
    }
    return days
  }

  it('sums revenue per token over the snapshots in the window and yields on the offering price', async () => {
    const token = sim.tokens[0]
    const o = sim.offerings[0]
    const raised = sum(o.deposits) * 10n ** 6n
    const price = ((raised < o.target ? raised : o.target) * 10n ** 18n) / o.sale
    const days = snapshotDays(1)
    expect(days.length).toBe(2)
    // only the second snapshot lies in [day 6, day 9)
    const from = at(6, 0)
    const to = at(9, 0)
    const [claimable, supply] = await chain.read<[bigint, bigint]>(token, 'ModelToken', 'snapshots', [2n])
    const perToken = (claimable * 10n ** 18n) / supply
    const r = (await data(Y, { token, from: iso(from), to: iso(to) })).modelTokenYield
    expect(r).toMatchObject({ offeringPrice: price.toString(), revenuePerToken: perToken.toString(), snapshots: 1 })
    const apr = ((Number(perToken) / Number(price)) * 365) / 3
    expect(r.apr).toBeCloseTo(apr, 12)
    expect(r.apy).toBeCloseTo(Math.pow(1 + apr / 365, 365) - 1, 12)

    const both = (await data(Y, { token, from: iso(sim.start), to: iso(sim.end) })).modelTokenYield
    const [c1, s1] = await chain.read<[bigint, bigint]>(token, 'ModelToken', 'snapshots', [1n])
    expect(both.revenuePerToken).toBe(((c1 * 10n ** 18n) / s1 + perToken).toString())
    expect(both.snapshots).toBe(2)
  })

  it('has no price and no rates for the failed offering', async () => {
    const r = (await data(Y, { token: sim.tokens[1], from: iso(sim.start), to: iso(sim.end) })).modelTokenYield
    expect(r).toEqual({ offeringPrice: null, revenuePerToken: '0', snapshots: 0, apr: null, apy: null })
  })

  it('reports a holder’s entitlements, claims and what is left, as the token contract computes them', async () => {
    const token = sim.tokens[0]
    const snapshots = snapshotDays(1).length
    for (const holder of [sim.accounts[5], sim.accounts[7], sim.accounts[30]]) {
      let entitled = 0n
      let claimed = 0n
      for (let s = 1n; s <= BigInt(snapshots); s++) {
        const e = await chain.read<bigint>(token, 'ModelToken', 'entitlement', [holder, s])
        entitled += e
        if (await chain.read<boolean>(token, 'ModelToken', 'claimed', [s, holder])) claimed += e
      }
      const balance = await chain.read<bigint>(token, 'ModelToken', 'balanceOf', [holder])
      const r = (
        await data(`{ holderRevenue(token: "${token}", holder: "${holder}") { balance entitled claimed unclaimed } }`)
      ).holderRevenue
      expect(r).toEqual({
        balance: balance.toString(),
        entitled: entitled.toString(),
        claimed: claimed.toString(),
        unclaimed: (entitled - claimed).toString(),
      })
    }
  })

  it('counts inference usage by request block time, with fulfilment and median latency', async () => {
    const Q = `query($from: DateTime!, $to: DateTime!, $bucket: Bucket) {
      modelUsage(modelId: "1", from: $from, to: $to, bucket: $bucket) {
        requests fees callers fulfilledShare medianLatencySec points { bucketStart requests fees } } }`
    // The reference reads the router's raw logs: request and fulfilment block times by requestId.
    const topic = (sig: string) => keccak256(toHex(sig))
    const logs = await chain.rpc<{ topics: string[]; data: string; blockNumber: string }[]>('eth_getLogs', [
      { address: sim.deployment.inferenceRouter, fromBlock: '0x0', toBlock: 'latest' },
    ])
    const requested = new Map<bigint, { t: number; model: bigint; caller: string; fee: bigint }>()
    const fulfilledAt = new Map<bigint, number>()
    for (const l of logs) {
      const t = blockTimes[Number(l.blockNumber)]
      if (l.topics[0] === topic('InferenceRequested(uint256,uint256,address,uint256)')) {
        requested.set(BigInt(l.topics[1]), {
          t,
          model: BigInt(l.topics[2]),
          caller: `0x${l.topics[3].slice(26)}`,
          fee: BigInt(l.data),
        })
      }
      if (l.topics[0] === topic('InferenceFulfilled(uint256,bytes32)')) fulfilledAt.set(BigInt(l.topics[1]), t)
    }
    expect(requested.size).toBe(sim.requests.length)
    const model1 = [...requested.entries()].filter(([, r]) => r.model === 1n)
    const expected = (from: number, to: number) => {
      const rs = model1.filter(([, r]) => r.t >= from && r.t < to)
      const lat = rs
        .filter(([id]) => fulfilledAt.has(id))
        .map(([id, r]) => fulfilledAt.get(id)! - r.t)
        .sort((a, b) => a - b)
      const mid = lat.length / 2
      return {
        rs: rs.map(([, r]) => r),
        fulfilled: lat.length,
        median: lat.length === 0 ? null : lat.length % 2 ? lat[Math.floor(mid)] : (lat[mid - 1] + lat[mid]) / 2,
      }
    }
    // A window cutting day 8 at noon: whole days from the rollup, the half day from the raw requests.
    const from = at(4, 0)
    const to = at(8, 12)
    const e = expected(from, to)
    expect(e.rs.length).toBeGreaterThan(5)
    const r = (await data(Q, { from: iso(from), to: iso(to), bucket: 'DAY' })).modelUsage
    expect(r.requests).toBe(e.rs.length)
    expect(r.fees).toBe(sum(e.rs.map((x) => x.fee)).toString())
    expect(r.callers).toBe(new Set(e.rs.map((x) => x.caller)).size)
    expect(r.fulfilledShare).toBeCloseTo(e.fulfilled / e.rs.length, 12)
    expect(r.medianLatencySec).toBe(e.median)
    expect(r.points.map((p: any) => [p.bucketStart, p.requests])).toEqual(
      [4, 5, 6, 7, 8].map((d) => [iso(at(d, 0)), expected(at(d, 0), Math.min(at(d + 1, 0), to)).rs.length]),
    )

    // Hourly, over one day: each request in the hour of its block.
    const h = (await data(Q, { from: iso(at(6, 0)), to: iso(at(7, 0)), bucket: 'HOUR' })).modelUsage
    expect(h.points).toHaveLength(24)
    for (let k = 0; k < 24; k++) {
      const hour = expected(at(6, k), at(6, k + 1))
      expect(h.points[k]).toEqual({
        bucketStart: iso(at(6, k)),
        requests: hour.rs.length,
        fees: sum(hour.rs.map((x) => x.fee)).toString(),
      })
    }
    expect(h.requests).toBe(expected(at(6, 0), at(7, 0)).rs.length)

    const none = (await data(Q, { from: iso(at(0, 0)), to: iso(at(3, 0)) })).modelUsage
    expect(none).toMatchObject({ requests: 0, fees: '0', callers: 0, fulfilledShare: null, medianLatencySec: null })
  })
})

describe('provenance', () => {
  const L = `query($id: ID!, $depth: Int) { modelLineage(modelVersionId: $id, maxDepth: $depth) {
    root nodes { id kind resolved revoked depth evidence { txHash blockNumber logIndex } }
    edges { from to kind op weightBps inheritBps evidence { txHash blockNumber logIndex } } } }`
  const contributionsOf = (v: string) => sim.contributions.filter((c) => c.version === v)
  const curators = () => [sim.accounts[37], sim.accounts[38]]
  const attester = () => sim.accounts[39]

  it("leads from a run's GPUs to the compute they reported while it ran, with evidence", async () => {
    const runs = (
      await data(
        `{ modelVersion(id: "${sim.ids.mvChat}") { runs { startedAt endedAt gpus { referencedGpuId resolved
          usage { availableSec rentedSec utilization grossRevenue net records { gpu { gpuId } epoch epochStart evidence { txHash } } } } } } }`,
      )
    ).modelVersion.runs
    expect(runs).toHaveLength(2)
    let checked = 0
    for (const run of runs) {
      const [from, to] = [Date.parse(run.startedAt) / 1000, Date.parse(run.endedAt) / 1000]
      for (const g of run.gpus) {
        // the plan's final usage of that GPU with epochStart in [startedAt, endedAt), worked out here
        const plan = sim.usage.filter(
          (u) => u.gpuId.toString() === g.referencedGpuId && u.epochStart >= from && u.epochStart < to,
        )
        const sum = (f: (u: (typeof plan)[0]) => bigint) => plan.reduce((a, u) => a + f(u), 0n).toString()
        const net = (u: (typeof plan)[0]) =>
          at(u.epoch + 1, 4) <= sim.end
            ? u.gross - (u.gross * OPERATOR_FEE_BPS) / 10000n - (u.gross * PROTOCOL_FEE_BPS) / 10000n
            : 0n
        expect({ gpu: g.referencedGpuId, ...g.usage, records: g.usage.records.length }).toEqual({
          gpu: g.referencedGpuId,
          availableSec: sum((u) => BigInt(u.availableSec)),
          rentedSec: sum((u) => BigInt(u.rentedSec)),
          utilization: plan.length
            ? plan.reduce((a, u) => a + u.rentedSec, 0) / plan.reduce((a, u) => a + u.availableSec, 0)
            : null,
          grossRevenue: sum((u) => u.gross),
          net: sum(net),
          records: plan.length,
        })
        for (const r of g.usage.records) {
          expect(r.gpu.gpuId).toBe(g.referencedGpuId)
          expect(r.evidence.txHash).toMatch(/^0x[0-9a-f]{64}$/)
        }
        checked += plan.length
      }
    }
    // the unknown GPU 999 did nothing here; the known ones did
    expect(runs.flatMap((r: any) => r.gpus).find((g: any) => g.referencedGpuId === '999').usage.records).toEqual([])
    expect(checked).toBeGreaterThan(0)
  })

  it('walks a fine-tuned model up to its data, people and GPUs, flagging the unknown and the revoked', async () => {
    const { ids } = sim
    const g = (await data(L, { id: ids.mvChat })).modelLineage
    const byKind = (k: string) =>
      g.nodes
        .filter((n: any) => n.kind === k)
        .map((n: any) => n.id)
        .sort()
    expect(g.root).toBe(`model:31337:${ids.mvChat}`)
    expect(byKind('MODEL_VERSION')).toEqual([`model:31337:${ids.mvBase}`, `model:31337:${ids.mvChat}`].sort())
    expect(byKind('TRAINING_RUN')).toHaveLength(3) // two for chat, one for base
    expect(byKind('DATASET_VERSION')).toEqual(
      [ids.instrV1, ids.unknownVersion, ids.webV1, ids.webV2, ids.codeV1].map((v) => `dataset:31337:${v}`).sort(),
    )
    expect(byKind('GPU')).toEqual(['gpu:31337:1', 'gpu:31337:2', 'gpu:31337:3', 'gpu:31337:5', 'gpu:31337:999'])
    expect(byKind('CONTRIBUTION')).toEqual(sim.contributions.map((c) => `contribution:31337:${c.id}`).sort())
    const people = new Set([...sim.contributions.map((c) => c.contributor), ...curators(), attester()])
    expect(byKind('ACCOUNT')).toEqual([...people].map((a) => `account:31337:${a}`).sort())

    const node = (id: string) => g.nodes.find((n: any) => n.id === id)
    expect(node(`dataset:31337:${ids.unknownVersion}`)).toMatchObject({ resolved: false, evidence: null })
    expect(node('gpu:31337:999')).toMatchObject({ resolved: false, evidence: null })
    for (const c of sim.contributions) expect(node(`contribution:31337:${c.id}`).revoked).toBe(c.revoked)
    expect(sim.contributions.filter((c) => c.revoked)).toHaveLength(1)
    for (const n of g.nodes) if (n.resolved && n.kind !== 'ACCOUNT') expect(n.evidence).not.toBeNull()

    const edge = (from: string, to: string) => g.edges.find((e: any) => e.from === from && e.to === to)
    expect(edge(`model:31337:${ids.mvChat}`, `model:31337:${ids.mvBase}`)).toMatchObject({
      kind: 'FINETUNED_FROM',
      op: 'FINETUNE',
    })
    expect(edge(`dataset:31337:${ids.instrV1}`, `dataset:31337:${ids.webV2}`)).toMatchObject({
      kind: 'DERIVED_FROM',
      op: 'FILTER',
      inheritBps: 4000,
    })
    expect(edge(`dataset:31337:${ids.instrV1}`, `dataset:31337:${ids.codeV1}`)).toMatchObject({
      op: 'MERGE',
      inheritBps: 3000,
    })
    expect(edge(`dataset:31337:${ids.webV2}`, `dataset:31337:${ids.webV1}`)).toMatchObject({
      op: 'DEDUP',
      inheritBps: 8000,
    })
    // the rejected derivations (a cycle, an inheritBps overflow) are not in the graph
    expect(edge(`dataset:31337:${ids.webV1}`, `dataset:31337:${ids.instrV1}`)).toBeUndefined()
    expect(edge(`dataset:31337:${ids.instrV1}`, `dataset:31337:${ids.webV1}`)).toBeUndefined()
    const unknownRef = g.edges.find((e: any) => e.to === `dataset:31337:${ids.unknownVersion}`)
    expect(unknownRef).toMatchObject({ kind: 'TRAINED_ON', weightBps: 4000 })
    for (const e of g.edges) expect(e.evidence).not.toBeNull()

    // Each edge's evidence is a real log of the chain: the fine-tune edge is ModelVersionPublished(mvChat).
    const ev = edge(`model:31337:${ids.mvChat}`, `model:31337:${ids.mvBase}`).evidence
    const receipt = await chain.rpc<{ logs: { logIndex: string; topics: string[]; blockNumber: string }[] }>(
      'eth_getTransactionReceipt',
      [ev.txHash],
    )
    const log = receipt.logs.find((l) => Number(l.logIndex) === ev.logIndex)!
    expect(Number(log.blockNumber)).toBe(ev.blockNumber)
    expect(log.topics[1]).toBe(ids.mvChat)
  })

  it('stops at maxDepth without dangling edges', async () => {
    const g = (await data(L, { id: `model:31337:${sim.ids.mvChat}`, depth: 1 })).modelLineage
    expect(g.nodes.map((n: any) => n.kind).sort()).toEqual([
      'MODEL_VERSION',
      'MODEL_VERSION',
      'TRAINING_RUN',
      'TRAINING_RUN',
    ])
    const ids = new Set(g.nodes.map((n: any) => n.id))
    expect(g.edges).toHaveLength(3)
    for (const e of g.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true)
  })

  it('traces impact downstream from a dataset version, a contribution and a contributor, with paths', async () => {
    const { ids } = sim
    const I = `query($d: ID, $c: BigInt, $a: String, $depth: Int) {
      dataImpact(datasetVersionId: $d, contributionId: $c, contributor: $a, maxDepth: $depth) { modelVersions { modelVersionId path } } }`
    const models = (r: any) => r.dataImpact.modelVersions.map((m: any) => m.modelVersionId).sort()
    // web-crawl@1 → @2 → base (run) → chat (fine-tune) → chat-q4; also @2 → instructions@1 → chat (run)
    const web = await data(I, { d: ids.webV1 })
    expect(models(web)).toEqual([ids.mvBase, ids.mvChat, ids.mvQuant].sort())
    const toBase = web.dataImpact.modelVersions.find((m: any) => m.modelVersionId === ids.mvBase).path
    expect(toBase[0]).toBe(`dataset:31337:${ids.webV1}`)
    expect(toBase[1]).toBe(`dataset:31337:${ids.webV2}`)
    expect(toBase[2]).toMatch(/^run:31337:0x[0-9a-f]{64}$/)
    expect(toBase[3]).toBe(`model:31337:${ids.mvBase}`)
    expect(models(await data(I, { d: ids.webV1, depth: 3 }))).toEqual([ids.mvBase])
    expect(models(await data(I, { d: ids.codeV1 }))).toEqual([ids.mvBase, ids.mvChat, ids.mvOwl, ids.mvQuant].sort())

    // The revoked contribution still shows its impact (auditors must see it).
    const revoked = sim.contributions.find((c) => c.revoked)!
    const rv = await data(I, { c: String(revoked.id) })
    expect(models(rv)).toEqual([ids.mvChat, ids.mvQuant].sort())
    expect(rv.dataImpact.modelVersions.find((m: any) => m.modelVersionId === ids.mvChat).path.slice(0, 2)).toEqual([
      `contribution:31337:${revoked.id}`,
      `dataset:31337:${ids.instrV1}`,
    ])

    // A contributor: the union over the versions they contributed to.
    const who = sim.contributions[0].contributor
    const versions = new Set(sim.contributions.filter((c) => c.contributor === who).map((c) => c.version))
    const expected = new Set<string>()
    const downstream: Record<string, string[]> = {
      [ids.webV1]: [ids.mvBase, ids.mvChat, ids.mvQuant],
      [ids.webV2]: [ids.mvBase, ids.mvChat, ids.mvQuant],
      [ids.codeV1]: [ids.mvBase, ids.mvChat, ids.mvQuant, ids.mvOwl],
      [ids.instrV1]: [ids.mvChat, ids.mvQuant],
    }
    for (const v of versions) for (const m of downstream[v]) expected.add(m)
    const byWho = await data(I, { a: who })
    expect(models(byWho)).toEqual([...expected].sort())
    for (const m of byWho.dataImpact.modelVersions) expect(m.path[0]).toBe(`account:31337:${who}`)
  })

  it('attributes a model version to contributors: runs → derivations → contributions', async () => {
    const { ids } = sim
    const A = `query($id: ID!) { modelAttribution(modelVersionId: $id) { modelVersionId shares { contributor share contributions } unattributed } }`
    // chat: run 1 uses instructions@1 fully, run 2 uses it at 6000 and an unknown version at 4000 (k = 2)
    //   instructions@1 = (1 + 0.6) / 2 = 0.8, unknown = 0.2 (unattributed)
    //   instructions@1 passes 40% to web@2 and 30% to code@1 and keeps 30%: 0.24, 0.32, 0.24
    //   web@2 passes 80% of 0.32 to web@1: keeps 0.064, web@1 0.256
    const kept: Record<string, number> = {
      [ids.instrV1]: 0.24,
      [ids.codeV1]: 0.24,
      [ids.webV2]: 0.064,
      [ids.webV1]: 0.256,
    }
    const expected = new Map<string, number>()
    for (const [v, y] of Object.entries(kept)) {
      const valid = contributionsOf(v).filter((c) => !c.revoked)
      const total = valid.reduce((a, c) => a + c.items * c.qualityBps, 0)
      for (const c of valid)
        expected.set(c.contributor, (expected.get(c.contributor) ?? 0) + (y * c.items * c.qualityBps) / total)
    }
    const r = (await data(A, { id: ids.mvChat })).modelAttribution
    expect(r.unattributed).toBeCloseTo(0.2, 12)
    expect(r.shares.map((s: any) => s.contributor).sort()).toEqual([...expected.keys()].sort())
    for (const s of r.shares) expect(s.share).toBeCloseTo(expected.get(s.contributor)!, 12)
    expect(r.shares.reduce((a: number, s: any) => a + s.share, 0) + r.unattributed).toBeCloseTo(1, 12)
    const revoked = sim.contributions.find((c) => c.revoked)!
    const revokedCount = sim.contributions.filter((c) => c.contributor === revoked.contributor && !c.revoked).length
    const theirs = r.shares.find((s: any) => s.contributor === revoked.contributor)
    expect(theirs?.contributions ?? 0).toBe(revokedCount)

    // A quantized version has no run of its own: nothing to attribute (fine-tune parents are not followed).
    const q = (await data(A, { id: ids.mvQuant })).modelAttribution
    expect(q).toEqual({ modelVersionId: ids.mvQuant, shares: [], unattributed: 1 })
  })
})

describe('bad arguments get a typed error naming the argument', () => {
  const cases: [string, string, string, string | null, RegExp][] = [
    [
      'bad vault address',
      '{ vaultYield(vault: "0x12", from: "2026-09-08T00:00:00Z", to: "2026-09-09T00:00:00Z") { apr } }',
      'BAD_USER_INPUT',
      'vault',
      /vault must be a 0x-prefixed 20-byte address, got "0x12"/,
    ],
    [
      'from >= to',
      '{ vaultYield(vault: "0x0000000000000000000000000000000000000001", from: "2026-09-09T00:00:00Z", to: "2026-09-09T00:00:00Z") { apr } }',
      'BAD_USER_INPUT',
      'from',
      /from \(2026-09-09T00:00:00.000Z\) must be before to/,
    ],
    [
      'unknown vault',
      '{ vaultYield(vault: "0x0000000000000000000000000000000000000001", from: "2026-09-08T00:00:00Z", to: "2026-09-09T00:00:00Z") { apr } }',
      'NOT_FOUND',
      null,
      /vault 0x0000000000000000000000000000000000000001 is not indexed/,
    ],
    [
      'bad token address',
      '{ modelTokenYield(token: "nope", from: "2026-09-08T00:00:00Z", to: "2026-09-09T00:00:00Z") { apr } }',
      'BAD_USER_INPUT',
      'token',
      /token must be a 0x-prefixed 20-byte address/,
    ],
    [
      'unknown token',
      '{ holderRevenue(token: "0x0000000000000000000000000000000000000001", holder: "0x0000000000000000000000000000000000000002") { balance } }',
      'NOT_FOUND',
      null,
      /model token 0x0000000000000000000000000000000000000001 is not indexed/,
    ],
    [
      'bad holder',
      '{ holderRevenue(token: "0x0000000000000000000000000000000000000001", holder: "0xzz") { balance } }',
      'BAD_USER_INPUT',
      'holder',
      /holder must be a 0x-prefixed 20-byte address/,
    ],
    [
      'unknown model',
      '{ modelUsage(modelId: "77", from: "2026-09-08T00:00:00Z", to: "2026-09-09T00:00:00Z") { requests } }',
      'NOT_FOUND',
      null,
      /model 77 has no indexed model token/,
    ],
    [
      'negative model id',
      '{ modelUsage(modelId: "-1", from: "2026-09-08T00:00:00Z", to: "2026-09-09T00:00:00Z") { requests } }',
      'BAD_USER_INPUT',
      'modelId',
      /modelId must be >= 0/,
    ],
    [
      'a bad scope operator',
      '{ gpuYield(scope: { operator: "bob" }, from: "2026-09-08T00:00:00Z", to: "2026-09-09T00:00:00Z") { apr } }',
      'BAD_USER_INPUT',
      'scope.operator',
      /scope.operator must be a 0x-prefixed 20-byte address/,
    ],
    [
      'a GPU id the index never saw',
      '{ gpuYield(scope: { gpuIds: ["1", "99999"] }, from: "2026-09-08T00:00:00Z", to: "2026-09-09T00:00:00Z") { apr } }',
      'NOT_FOUND',
      'scope.gpuIds',
      /GPU 99999 is not indexed/,
    ],
    [
      'an unknown SKU',
      '{ gpuUtilization(scope: { sku: "NOPE" }, from: "2026-09-08T00:00:00Z", to: "2026-09-09T00:00:00Z") { utilization } }',
      'NOT_FOUND',
      'scope.sku',
      /SKU "NOPE" is not indexed/,
    ],
    [
      'an unknown region',
      '{ gpuBreakdown(scope: { region: "mars-1" }, from: "2026-09-08T00:00:00Z", to: "2026-09-09T00:00:00Z") { gpuId } }',
      'NOT_FOUND',
      'scope.region',
      /region "mars-1" is not indexed/,
    ],
    [
      'an operator of no GPU',
      '{ gpuYield(scope: { operator: "0x00000000000000000000000000000000000000AA" }, from: "2026-09-08T00:00:00Z", to: "2026-09-09T00:00:00Z") { apr } }',
      'NOT_FOUND',
      'scope.operator',
      /operator 0x00000000000000000000000000000000000000aa is not indexed/,
    ],
    [
      'negative depth',
      '{ modelLineage(modelVersionId: "0xabababababababababababababababababababababababababababababababab", maxDepth: -1) { root } }',
      'BAD_USER_INPUT',
      'maxDepth',
      /maxDepth must be between 0 and 256, got -1/,
    ],
    [
      'huge depth',
      '{ modelLineage(modelVersionId: "0xabababababababababababababababababababababababababababababababab", maxDepth: 100000) { root } }',
      'BAD_USER_INPUT',
      'maxDepth',
      /maxDepth must be between 0 and 256/,
    ],
    [
      'unknown model version',
      '{ modelLineage(modelVersionId: "0xabababababababababababababababababababababababababababababababab") { root } }',
      'NOT_FOUND',
      null,
      /model version 0xabababababababababababababababababababababababababababababababab is not indexed/,
    ],
    [
      'malformed model version',
      '{ modelAttribution(modelVersionId: "run:0x12") { unattributed } }',
      'BAD_USER_INPUT',
      'modelVersionId',
      /modelVersionId must name a model version/,
    ],
    [
      'no impact start',
      '{ dataImpact { modelVersions { path } } }',
      'BAD_USER_INPUT',
      'datasetVersionId',
      /give exactly one of datasetVersionId, contributionId, contributor/,
    ],
    [
      'two impact starts',
      '{ dataImpact(contributionId: "1", contributor: "0x0000000000000000000000000000000000000001") { modelVersions { path } } }',
      'BAD_USER_INPUT',
      'datasetVersionId',
      /give exactly one of/,
    ],
    [
      'bad contributor',
      '{ dataImpact(contributor: "bob") { modelVersions { path } } }',
      'BAD_USER_INPUT',
      'contributor',
      /contributor must be a 0x-prefixed 20-byte address/,
    ],
  ]
  it.each(cases)('%s', async (_name, q, code, argument, message) => {
    const r = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: q }),
    })
    expect(r.status).toBeLessThan(500)
    const body = (await r.json()) as any
    expect(body.errors).toHaveLength(1)
    expect(body.errors[0].extensions.code).toBe(code)
    expect(body.errors[0].message).toMatch(message)
    if (argument) expect(body.errors[0].extensions.argument).toBe(argument)
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.js:\d+/)
  })
})

/** Classes and properties of PROV-O (https://www.w3.org/TR/prov-o/), starting point, expanded and qualified terms. */
const PROV_O_TERMS = new Set(
  `Entity Activity Agent Collection EmptyCollection Bundle Person Organization SoftwareAgent Location Plan Role
   Influence EntityInfluence ActivityInfluence AgentInfluence InstantaneousEvent Usage Generation Invalidation Start End
   Derivation Revision Quotation PrimarySource Attribution Association Delegation Communication
   wasGeneratedBy wasDerivedFrom wasAttributedTo startedAtTime used wasInformedBy endedAtTime wasAssociatedWith
   actedOnBehalfOf alternateOf specializationOf generatedAtTime hadPrimarySource value wasQuotedFrom wasRevisionOf
   invalidatedAtTime wasInvalidatedBy hadMember wasStartedBy wasEndedBy invalidated influenced atLocation generated
   wasInfluencedBy qualifiedInfluence qualifiedGeneration qualifiedDerivation qualifiedPrimarySource qualifiedQuotation
   qualifiedRevision qualifiedAttribution qualifiedInvalidation qualifiedStart qualifiedUsage qualifiedCommunication
   qualifiedAssociation qualifiedEnd qualifiedDelegation influencer entity hadUsage hadGeneration activity agent hadPlan
   hadActivity atTime hadRole`.split(/\s+/),
)
/** Debian's python3 with python3-prov (PYTHON_PROV overrides; .ci/run installs the package). */
const PYTHON_PROV = process.env.PYTHON_PROV ?? '/usr/bin/python3'
const HELPERS = path.resolve(__dirname, '..', 'helpers')
const FIXTURES = path.resolve(__dirname, '..', 'fixtures')

describe('auditor and analyst routes', () => {
  const PROV = 'http://www.w3.org/ns/prov#'
  const XSD = 'http://www.w3.org/2001/XMLSchema#'
  const DEAI = 'https://github.com/deai-squid/deai-squid/ns#'
  const urn = (typed: string) => `urn:deai:${typed}`

  it('serves the lineage as PROV-O JSON-LD that expands with the expected nodes and relations', async () => {
    const { ids } = sim
    const r = await fetch(`${api.url}/provenance/model/${ids.mvChat}`)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toContain('application/ld+json')
    const doc = await r.json()
    const expanded: any[] = await jsonld.expand(doc as any)
    const byId = new Map(expanded.map((n) => [n['@id'], n]))
    const g = (
      await data(
        `{ modelLineage(modelVersionId: "${ids.mvChat}") { nodes { id kind } edges { from to kind evidence { txHash } } } }`,
      )
    ).modelLineage
    // every graph node, plus the logs, qualified influences and revocations it names
    for (const n of g.nodes) expect(byId.has(urn(n.id))).toBe(true)
    const types = (id: string) => byId.get(urn(id))['@type']
    expect(types(`model:31337:${ids.mvChat}`)).toContain(`${PROV}Entity`)
    for (const n of g.nodes.filter((x: any) => x.kind === 'TRAINING_RUN'))
      expect(types(n.id)).toContain(`${PROV}Activity`)
    for (const n of g.nodes.filter((x: any) => x.kind === 'ACCOUNT')) expect(types(n.id)).toContain(`${PROV}Agent`)
    const rel = (id: string, p: string) => (byId.get(urn(id))[`${PROV}${p}`] ?? []).map((x: any) => x['@id'])
    expect(rel(`model:31337:${ids.mvChat}`, 'wasDerivedFrom')).toEqual([urn(`model:31337:${ids.mvBase}`)])
    expect(rel(`model:31337:${ids.mvChat}`, 'wasGeneratedBy')).toHaveLength(2)
    const used = g.nodes.filter((x: any) => x.kind === 'TRAINING_RUN').flatMap((x: any) => rel(x.id, 'used'))
    expect(used).toContain(urn(`dataset:31337:${ids.unknownVersion}`))
    expect(used).toContain(urn('gpu:31337:999'))
    const revoked = sim.contributions.find((c) => c.revoked)!
    expect(rel(`contribution:31337:${revoked.id}`, 'wasAttributedTo')).toEqual([
      urn(`account:31337:${revoked.contributor}`),
    ])
    // revocation in PROV's terms: invalidated by the revoking transaction, at its block time
    const invalidated = byId.get(urn(`contribution:31337:${revoked.id}`))
    expect(rel(`contribution:31337:${revoked.id}`, 'wasInvalidatedBy')).toEqual([urn(`revocation:31337:${revoked.id}`)])
    expect(invalidated[`${PROV}invalidatedAtTime`][0]).toMatchObject({ '@type': `${XSD}dateTime` })
    // the fine-tune's qualified derivation carries the same evidence as the GraphQL edge
    const q = byId.get(byId.get(urn(`model:31337:${ids.mvChat}`))[`${PROV}qualifiedDerivation`][0]['@id'])
    const ev = byId.get(q[`${DEAI}evidence`][0]['@id'])
    const tx = ev[`${DEAI}txHash`][0]['@value']
    const edge = g.edges.find((e: any) => e.kind === 'FINETUNED_FROM')
    expect(tx).toBe(edge.evidence.txHash)
    // a run's use of a GPU carries the compute that GPU reported during the run, and the reports' logs
    const runs = (
      await data(
        `{ modelVersion(id: "${ids.mvChat}") { runs { id gpus { referencedGpuId usage { rentedSec grossRevenue records { evidence { txHash logIndex } } } } } } }`,
      )
    ).modelVersion.runs
    let withUsage = 0
    for (const run of runs)
      for (const gpu of run.gpus) {
        if (!gpu.usage.records.length) continue
        const u = byId.get(urn(`influence:run:${run.id}/usage/gpu:31337:${gpu.referencedGpuId}`))
        expect(u[`${DEAI}rentedSec`][0]['@value']).toBe(gpu.usage.rentedSec)
        expect(u[`${DEAI}grossRevenue`][0]['@value']).toBe(gpu.usage.grossRevenue)
        expect(u[`${DEAI}usageReport`].map((x: any) => x['@id']).sort()).toEqual(
          gpu.usage.records.map((r: any) => urn(`log:31337:${r.evidence.txHash}-${r.evidence.logIndex}`)).sort(),
        )
        withUsage++
      }
    expect(withUsage).toBeGreaterThan(0)
  })

  it('serves PROV-O that the W3C PROV library for Python loads, that passes PROV-O shapes, in PROV-O terms only', async () => {
    const { ids } = sim
    const text = await (await fetch(`${api.url}/provenance/model/${ids.mvChat}`)).text()
    const g = (
      await data(
        `{ modelLineage(modelVersionId: "${ids.mvChat}") { nodes { id kind revoked startedAt endedAt } edges { from to kind } } }`,
      )
    ).modelLineage
    // 1. Debian's python3-prov (the W3C reference library) reads every node and relation
    const loaded = JSON.parse(
      execFileSync(PYTHON_PROV, [path.join(HELPERS, 'prov_load.py')], { input: text }).toString(),
    )
    const kinds = (k: string) => g.nodes.filter((n: any) => n.kind === k).length
    const edges = (...k: string[]) => g.edges.filter((e: any) => k.includes(e.kind))
    expect(loaded.counts.ProvAgent).toBe(kinds('ACCOUNT'))
    expect(loaded.counts.ProvActivity).toBe(kinds('TRAINING_RUN') + g.nodes.filter((n: any) => n.revoked).length)
    // each relation is read twice: plainly and in its qualified form
    expect(loaded.counts.ProvUsage).toBe(2 * edges('TRAINED_ON', 'COMPUTED_ON').length)
    expect(loaded.counts.ProvGeneration).toBe(2 * edges('GENERATED_BY').length)
    expect(loaded.counts.ProvDerivation).toBe(2 * edges('FINETUNED_FROM', 'DERIVED_FROM').length)
    expect(loaded.counts.ProvAttribution).toBe(2 * edges('CONTRIBUTED_BY', 'OWNED_BY').length)
    expect(loaded.counts.ProvMembership).toBe(edges('CONTRIBUTED_TO').length)
    expect(loaded.counts.ProvInvalidation).toBe(g.nodes.filter((n: any) => n.revoked).length)
    const got = new Set(loaded.relations.map((r: string[]) => r.join(' ')))
    for (const e of edges('TRAINED_ON', 'COMPUTED_ON')) expect(got).toContain(`ProvUsage ${urn(e.from)} ${urn(e.to)}`)
    for (const e of edges('GENERATED_BY')) expect(got).toContain(`ProvGeneration ${urn(e.from)} ${urn(e.to)}`)

    // 2. SHACL: domains and ranges of the PROV-O properties, times typed, atTime only on events
    const report = JSON.parse(
      execFileSync(process.execPath, [path.join(HELPERS, 'shacl.mjs'), path.join(FIXTURES, 'prov-o.shapes.ttl')], {
        input: text,
      }).toString(),
    )
    expect(report.results).toEqual([])
    expect(report.conforms).toBe(true)

    // 3. every term in the prov: namespace is a PROV-O term; times of runs are PROV's own
    const expanded: any[] = await jsonld.expand(JSON.parse(text))
    const used = new Set<string>()
    for (const n of expanded) {
      for (const t of n['@type'] ?? []) used.add(t)
      for (const k of Object.keys(n)) used.add(k)
    }
    const provTerms = [...used].filter((t) => t.startsWith(PROV)).map((t) => t.slice(PROV.length))
    expect(provTerms.filter((t) => !PROV_O_TERMS.has(t))).toEqual([])
    expect(provTerms).not.toContain('label')
    const run = g.nodes.find((n: any) => n.kind === 'TRAINING_RUN')
    const runNode = expanded.find((n) => n['@id'] === urn(run.id))
    expect(runNode[`${PROV}startedAtTime`][0]).toEqual({ '@type': `${XSD}dateTime`, '@value': run.startedAt })
    expect(runNode[`${PROV}endedAtTime`][0]).toEqual({ '@type': `${XSD}dateTime`, '@value': run.endedAt })
    // prov:atTime sits on the qualified Usage and Generation, never on a log
    const logs = expanded.filter((n) => (n['@type'] ?? []).includes(`${DEAI}LogEvidence`))
    expect(logs.length).toBeGreaterThan(0)
    for (const l of logs) expect(l[`${PROV}atTime`]).toBeUndefined()
    const usages = expanded.filter((n) => (n['@type'] ?? []).includes(`${PROV}Usage`))
    for (const u of usages) expect(u[`${PROV}atTime`][0]['@type']).toBe(`${XSD}dateTime`)
  })

  it('answers 404 for an unknown model version and 400 for a malformed one', async () => {
    const unknown = await fetch(`${api.url}/provenance/model/0x${'ab'.repeat(32)}`)
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as any).error.code).toBe('NOT_FOUND')
    const bad = await fetch(`${api.url}/provenance/model/nope`)
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as any).error).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'modelVersionId' })
  })

  async function csv(path: string) {
    const r = await fetch(`${api.url}${path}`)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toContain('text/csv')
    const [header, ...rows] = (await r.text())
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','))
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))
  }
  const num = (s: string) => (s === '' ? null : Number(s))

  it('exports CSVs with exactly the numbers of the GraphQL queries', async () => {
    const from = iso(at(1, 0))
    const to = iso(at(9, 0))
    const yieldQ = (
      await data(
        `{ gpuYield(scope: { sku: "${sim.gpus[0].sku}" }, from: "${from}", to: "${to}") { gross net avgValuation apr apy } }`,
      )
    ).gpuYield
    const [y] = await csv(`/export/gpu-yield.csv?sku=${sim.gpus[0].sku}&from=${from}&to=${to}`)
    expect([y.gross, y.net]).toEqual([yieldQ.gross, yieldQ.net])
    expect([num(y.avgValuation), num(y.apr), num(y.apy)]).toEqual([yieldQ.avgValuation, yieldQ.apr, yieldQ.apy])

    const util = (
      await data(
        `{ gpuUtilization(scope: { gpuIds: ["1", "2"] }, from: "${from}", to: "${to}", bucket: DAY) { points { bucketStart availableSec rentedSec utilization } } }`,
      )
    ).gpuUtilization.points
    const u = await csv(`/export/gpu-utilization.csv?gpuIds=1,2&from=${from}&to=${to}&bucket=DAY`)
    expect(u.map((p) => [p.bucketStart, p.availableSec, p.rentedSec, num(p.utilization)])).toEqual(
      util.map((p: any) => [p.bucketStart, p.availableSec, p.rentedSec, p.utilization]),
    )

    const vault = sim.deployment.gpuVault
    const vq = (
      await data(`{ vaultYield(vault: "${vault}", from: "${from}", to: "${to}") { apr apy tvl deposits withdrawals } }`)
    ).vaultYield
    const [v] = await csv(`/export/vault-yield.csv?vault=${vault}&from=${from}&to=${to}`)
    expect([num(v.apr), v.tvl, v.deposits, v.withdrawals]).toEqual([vq.apr, vq.tvl, vq.deposits, vq.withdrawals])
    // beside each raw amount its value in whole dUSD (6 decimals), as an exact decimal, and the symbol
    const whole = (raw: string) => {
      const d = raw.padStart(7, '0')
      return `${d.slice(0, -6)}.${d.slice(-6)}`.replace(/\.?0+$/, '')
    }
    expect([v.tvl_units, v.deposits_units, v.withdrawals_units, v.symbol]).toEqual([
      whole(vq.tvl),
      whole(vq.deposits),
      whole(vq.withdrawals),
      'dUSD',
    ])
    expect([y.net_units, y.symbol]).toEqual([whole(yieldQ.net), 'dUSD'])
    // per day: pps, TVL and flows of each bucket; each day's flows equal the totals asked for that day alone
    const days = await csv(`/export/vault-yield.csv?vault=${vault}&from=${from}&to=${to}&bucket=DAY`)
    expect(days.length).toBe(8)
    for (const day of days) {
      const end = new Date(Date.parse(day.bucketStart) + DAY * 1000).toISOString()
      const alone = (
        await data(
          `{ vaultYield(vault: "${vault}", from: "${day.bucketStart}", to: "${end}") { tvl deposits withdrawals } }`,
        )
      ).vaultYield
      expect([day.tvl, day.deposits, day.withdrawals]).toEqual([alone.tvl, alone.deposits, alone.withdrawals])
      expect([num(day.windowApr), num(day.windowApy)]).toEqual([vq.apr, vq.apy])
    }
    expect(days.some((d) => d.deposits !== '0')).toBe(true)

    const mq = (
      await data(
        `{ modelUsage(modelId: "1", from: "${from}", to: "${to}", bucket: DAY) { points { bucketStart requests fees } } }`,
      )
    ).modelUsage.points
    const m = await csv(`/export/model-usage.csv?modelId=1&from=${from}&to=${to}&bucket=DAY`)
    expect(m.map((p) => [p.bucketStart, Number(p.requests), p.fees])).toEqual(
      mq.map((p: any) => [p.bucketStart, p.requests, p.fees]),
    )
    // fees in whole dUSD, the model token's revenue asset
    expect(m.map((p) => [p.fees_units, p.symbol])).toEqual(mq.map((p: any) => [whole(p.fees), 'dUSD']))
    // per day: distinct callers and the fulfilled share from the plan; the median as asked for the day alone
    for (const p of m) {
      const day = Math.round((Date.parse(p.bucketStart) / 1000 - sim.start) / DAY)
      const planned = sim.requests.filter((r) => r.modelId === 1 && r.day === day)
      expect([Number(p.requests), Number(p.callers)]).toEqual([
        planned.length,
        new Set(planned.map((r) => r.caller)).size,
      ])
      expect(num(p.fulfilledShare)).toBe(
        planned.length ? planned.filter((r) => r.fulfilled).length / planned.length : null,
      )
      const end = new Date(Date.parse(p.bucketStart) + DAY * 1000).toISOString()
      const alone = (
        await data(`{ modelUsage(modelId: "1", from: "${p.bucketStart}", to: "${end}") { medianLatencySec callers } }`)
      ).modelUsage
      expect([num(p.medianLatencySec), Number(p.callers)]).toEqual([alone.medianLatencySec, alone.callers])
    }
    expect(m.some((p) => Number(p.callers) > 1)).toBe(true)

    const aq = (
      await data(
        `{ modelAttribution(modelVersionId: "${sim.ids.mvChat}") { shares { contributor share contributions } unattributed } }`,
      )
    ).modelAttribution
    const a = await csv(`/export/attribution.csv?modelVersionId=${sim.ids.mvChat}`)
    expect(a.map((r) => [r.contributor, num(r.share)])).toEqual([
      ...aq.shares.map((s: any) => [s.contributor, s.share]),
      ['unattributed', aq.unattributed],
    ])
  })

  it('refuses an unknown report and bad export arguments with a typed error', async () => {
    const none = await fetch(`${api.url}/export/everything.csv`)
    expect(none.status).toBe(404)
    const missing = await fetch(`${api.url}/export/gpu-yield.csv?from=2026-09-08T00:00:00Z`)
    expect(missing.status).toBe(400)
    expect(((await missing.json()) as any).error.code).toBe('BAD_USER_INPUT')
    const bad = await fetch(
      `${api.url}/export/vault-yield.csv?vault=0x1&from=2026-09-08T00:00:00Z&to=2026-09-09T00:00:00Z`,
    )
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as any).error).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'vault' })
  })

  it('reads CSV parameters as a person writes them, and names the one it cannot use', async () => {
    const get = async (q: string) => {
      const r = await fetch(`${api.url}/export/${q}`)
      return { status: r.status, text: await r.text() }
    }
    // a date alone is midnight UTC, and `bucket` in any case; every time is written one way
    const byDate = await get(`gpu-utilization.csv?from=2026-09-08&to=2026-09-10&bucket=day`)
    const byTime = await get(`gpu-utilization.csv?from=2026-09-08T00:00:00Z&to=2026-09-10T00:00:00.000Z&bucket=DAY`)
    expect(byDate.status).toBe(200)
    expect(byDate.text).toBe(byTime.text)
    expect(
      byDate.text
        .split('\r\n')
        .slice(1, 3)
        .map((l) => l.split(',')[0]),
    ).toEqual(['2026-09-08T00:00:00.000Z', '2026-09-09T00:00:00.000Z'])
    const totals = await get(`gpu-yield.csv?from=2026-09-08T00:00:00Z&to=2026-09-10`)
    expect(totals.text.split('\r\n')[1]).toMatch(/^2026-09-08T00:00:00.000Z,2026-09-10T00:00:00.000Z,/)
    // what it cannot use gets a typed 400 naming the parameter, in plain words
    const cases: [string, string, RegExp][] = [
      [
        `gpu-yield.csv?from=2026-09-08&to=2026-09-10&bucket=DAY`,
        'bucket',
        /gpu-yield takes no "bucket"; it takes gpuIds, operator, sku, region, chainIds, from, to/,
      ],
      [
        `gpu-yield.csv?from=yesterday&to=2026-09-10`,
        'from',
        /^from must be an ISO-8601 date or date-time, got "yesterday"$/,
      ],
      [`gpu-yield.csv?from=2026-09-08`, 'to', /^to is required/],
      [
        `gpu-utilization.csv?from=2026-09-08&to=2026-09-10&bucket=minute`,
        'bucket',
        /^bucket must be HOUR, DAY or WEEK, got "minute"$/,
      ],
      [
        `gpu-utilization.csv?gpuIds=1,x&from=2026-09-08&to=2026-09-10`,
        'gpuIds',
        /^gpuIds must be decimal GPU ids, got "x"$/,
      ],
      [`model-usage.csv?from=2026-09-08&to=2026-09-10`, 'modelId', /^modelId is required$/],
    ]
    for (const [q, argument, message] of cases) {
      const r = await get(q)
      const e = JSON.parse(r.text).error
      expect({ q, status: r.status, code: e.code, argument: e.argument }).toEqual({
        q,
        status: 400,
        code: 'BAD_USER_INPUT',
        argument,
      })
      expect(e.message).toMatch(message)
      expect(e.message).not.toMatch(/Variable "\$/)
    }
  })

  it('counts requests, latency and errors per operation in Prometheus text', async () => {
    await gql('{ gpuYield(scope: {}, from: "2026-09-09T00:00:00Z", to: "2026-09-08T00:00:00Z") { apr } }')
    const text = await (await fetch(`${api.url}/metrics`)).text()
    expect(text).toMatch(/deai_api_requests_total\{operation="gpuYield",outcome="ok"\} [1-9]/)
    expect(text).toMatch(/deai_api_errors_total\{operation="gpuYield",code="BAD_USER_INPUT"\} [1-9]/)
    expect(text).toMatch(/deai_api_request_duration_seconds_bucket\{le="0.05",operation="modelLineage"\} \d+/)
    expect(text).toMatch(/deai_api_db_pool_total \d+/)
  })
})

describe('query limits', () => {
  async function post(query: string) {
    const r = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    })
    return { status: r.status, body: (await r.json()) as any }
  }

  it('refuses a depth bomb before running it', async () => {
    let q = '{ id }'
    for (let i = 0; i < 21; i++) q = `{ versions ${q} }`.replace('{ versions', i % 2 ? '{ dataset' : '{ versions')
    const r = await post(`{ datasets(first: 1) { nodes ${q} } }`)
    expect(r.status).toBeLessThan(500)
    expect(r.body.errors).toHaveLength(1)
    expect(r.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX')
    expect(r.body.errors[0].message).toMatch(/query depth exceeds 12/)
  })

  it('refuses an alias bomb of large pages', async () => {
    const aliases = Array.from(
      { length: 50 },
      (_, i) => `a${i}: gpus(first: 1000) { nodes { owner { gpusOwned { id sku } } } }`,
    )
    const r = await post(`{ ${aliases.join(' ')} }`)
    expect(r.status).toBeLessThan(500)
    expect(r.body.errors).toHaveLength(1)
    expect(r.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX')
    expect(r.body.errors[0].message).toMatch(/query cost exceeds/)
  })

  it('refuses a body over 1 MiB', async () => {
    const r = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ indexerStatus { lagBlocks } } # ${'x'.repeat(1_100_000)}` }),
    })
    expect(r.status).toBe(413)
  })

  it('can switch off introspection and the console for production', async () => {
    const closed = await startApiServer({ databaseUrl: dbUrl, port: 0, introspection: false, ide: false })
    try {
      const page = await fetch(`${closed.url}/graphql`, { headers: { accept: 'text/html' } })
      expect(await page.text()).not.toContain('deai-squid GraphQL')
      const r = await fetch(`${closed.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
      })
      const body = (await r.json()) as any
      expect(body.errors[0].message).toMatch(/introspection/i)
      const open = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } })
      expect(await open.text()).toContain('deai-squid GraphQL')
    } finally {
      await closed.close()
    }
  })
})
