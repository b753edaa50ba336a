import { type Address, type Hex, stringToHex } from 'viem'
import { deployAll, type Deployment, OPERATOR_FEE_BPS, PROTOCOL_FEE_BPS } from './deploy'
import { injectMalformedLogs, type MalformedCase } from './malformed'
import { merkleTree, rewardLeaf } from './merkle'
import { Rng } from './rng'
import { TxBatch } from './txbatch'

/**
 * Plays a deterministic economy in simulated time: a GPU fleet with daily usage epochs and revenue
 * splits, a financing vault, model offerings with inference revenue and snapshots, and training-data
 * provenance with rewards; plus the malformed logs of EVENTS.md "Bad input" from a raw emitter.
 * Same seed and size, same chain (block hashes included).
 */

export type DemoSize = 'small' | 'medium' | 'large'

const SIZES = {
  small: { gpus: 6, days: 10, contributorsPerVersion: 3, callsPerDay: 4 },
  medium: { gpus: 24, days: 28, contributorsPerVersion: 6, callsPerDay: 16 },
  large: { gpus: 120, days: 60, contributorsPerVersion: 12, callsPerDay: 60 },
} as const

export const DAY = 86400
/** Monday 2026-09-07 00:00 UTC: simulated time starts here. */
export const DEMO_START = Date.UTC(2026, 8, 7) / 1000
export const USD = 1_000_000n // dUSD has 6 decimals
export const TOKEN = 10n ** 18n

const SKUS = [
  { sku: 'H100-SXM-80GB', valuation: 30_000n * USD, ratePerHour: 2_200_000n },
  { sku: 'H200-SXM-141GB', valuation: 38_000n * USD, ratePerHour: 3_100_000n },
  { sku: 'A100-80GB', valuation: 15_000n * USD, ratePerHour: 1_300_000n },
  { sku: 'L40S-48GB', valuation: 9_000n * USD, ratePerHour: 850_000n },
]
const REGIONS = ['us-east', 'eu-west', 'ap-south']

export interface SimGpu {
  gpuId: bigint
  sku: string
  region: string
  operator: Address
  owner: Address
  valuation: bigint
  registeredDay: number
  retiredDay: number | null
}

export interface SimUsage {
  gpuId: bigint
  epoch: number
  epochStart: number
  availableSec: number
  rentedSec: number
  gross: bigint
  corrected: boolean
}

export interface SimResult {
  deployment: Deployment
  accounts: Address[]
  start: number
  end: number
  gpus: SimGpu[]
  /** final (post-correction) usage per GPU epoch */
  usage: SimUsage[]
  revaluations: { gpuId: bigint; day: number; valuation: bigint }[]
  transfers: { gpuId: bigint; from: Address; to: Address; day: number }[]
  malformed: MalformedCase[]
  /** model tokens by modelId - 1 */
  tokens: Address[]
  offerings: SimOffering[]
  /** inference calls in request order (requestId = index + 1) */
  requests: {
    modelId: number
    caller: Address
    fee: bigint
    day: number
    fulfilled: boolean
  }[]
  ids: Record<string, Hex>
  contributions: {
    id: number
    version: Hex
    contributor: Address
    items: number
    qualityBps: number
    revoked: boolean
  }[]
  rewards: { epochId: bigint; recipients: Address[]; amounts: bigint[]; claimed: number }
  txs: number
  headBlock: number
  headHash: Hex
}

export interface SimOffering {
  name: string
  symbol: string
  supply: bigint
  sale: bigint
  target: bigint
  bps: number
  creator: Address
  /** whole dUSD per deposit; deposit k comes from investors[(modelIndex + k) % investors.length] */
  deposits: bigint[]
}

export async function simulate(
  chain: TxBatch,
  opts: { seed: number; size: DemoSize; start?: number },
): Promise<SimResult> {
  const size = SIZES[opts.size]
  const rng = new Rng(opts.seed)
  const start = opts.start ?? DEMO_START
  await chain.init()
  const accounts = (await chain.rpc<Address[]>('eth_accounts', [])).map((a) => a.toLowerCase() as Address)
  const [admin, treasury] = accounts
  const operators = accounts.slice(2, 5)
  const investors = accounts.slice(5, 13)
  const creators = accounts.slice(13, 16)
  const callers = accounts.slice(16, 24)
  const contributors = accounts.slice(24, 36)
  const provider = accounts[36]
  const curators = accounts.slice(37, 39)
  const attester = accounts[39]
  const at = (day: number, hour: number) => start + day * DAY + hour * 3600

  const d = await deployAll(chain, admin, treasury, start + 60)
  const C = (name: Parameters<TxBatch['call']>[2], to: Address) => ({
    call: (from: Address, fn: string, args: unknown[] = []) => chain.call(from, to, name, fn, args),
  })
  const usd = C('Stablecoin', d.stablecoin)
  const registry = C('GpuRegistry', d.gpuRegistry)
  const ledger = C('ComputeLedger', d.computeLedger)
  const vault = C('GpuVault', d.gpuVault)
  const factory = C('ModelTokenFactory', d.modelTokenFactory)
  const router = C('InferenceRouter', d.inferenceRouter)
  const data = C('DataRegistry', d.dataRegistry)
  const prov = C('ProvenanceRegistry', d.provenanceRegistry)

  // Money for everyone, and the approvals each role needs.
  const MAX = 2n ** 256n - 1n
  for (const a of accounts.slice(1)) await usd.call(admin, 'mint', [a, 10_000_000n * USD])
  await router.call(admin, 'setProvider', [provider, true])
  for (const o of operators) await usd.call(o, 'approve', [d.computeLedger, MAX])
  for (const i of investors) {
    await usd.call(i, 'approve', [d.gpuVault, MAX])
    await usd.call(i, 'approve', [d.modelTokenFactory, MAX])
  }
  for (const c of callers) await usd.call(c, 'approve', [d.inferenceRouter, MAX])
  await usd.call(treasury, 'approve', [d.gpuVault, MAX])
  await usd.call(attester, 'approve', [d.provenanceRegistry, MAX])
  await chain.mine(at(0, 0) + 120)

  // The fleet: most GPUs on day 0, the last two later (their yield windows start late).
  const gpus: SimGpu[] = []
  for (let i = 1; i <= size.gpus; i++) {
    const s = SKUS[(i - 1) % SKUS.length]
    const late = i > size.gpus - 2
    gpus.push({
      gpuId: BigInt(i),
      sku: s.sku,
      region: REGIONS[(i - 1) % REGIONS.length],
      operator: operators[(i - 1) % operators.length],
      owner: investors[(i - 1) % investors.length],
      valuation: s.valuation,
      registeredDay: late ? (i === size.gpus ? 4 : 2) : 0,
      retiredDay: null,
    })
  }
  const rateOf = (g: SimGpu) => SKUS.find((s) => s.sku === g.sku)!.ratePerHour
  const retiring = gpus[2] // retired two thirds in
  const retireDay = Math.floor((size.days * 2) / 3)
  retiring.retiredDay = retireDay
  const maintenanceGpu = gpus[1]
  const transferred = gpus[1]
  const revalued = gpus[0]

  const usage: SimUsage[] = []
  const revaluations: SimResult['revaluations'] = []
  const transfers: SimResult['transfers'] = []
  const status = new Map<bigint, number>()

  // Model offerings: model 1 oversubscribed, model 2 fails, model 3 exactly at target.
  const offerings: SimOffering[] = [
    {
      name: 'Llama-Garden 8B',
      symbol: 'LG8',
      supply: 1_000_000n * TOKEN,
      sale: 400_000n * TOKEN,
      target: 100_000n * USD,
      bps: 6000,
      creator: creators[0],
      deposits: [40_000n, 35_000n, 30_000n, 25_000n],
    },
    {
      name: 'Vision-Mix 2B',
      symbol: 'VMX',
      supply: 500_000n * TOKEN,
      sale: 250_000n * TOKEN,
      target: 200_000n * USD,
      bps: 5000,
      creator: creators[1],
      deposits: [20_000n, 15_000n],
    },
    {
      name: 'Code-Owl 1B',
      symbol: 'OWL',
      supply: 200_000n * TOKEN,
      sale: 100_000n * TOKEN,
      target: 50_000n * USD,
      bps: 8000,
      creator: creators[2],
      deposits: [30_000n, 20_000n],
    },
  ]
  const tokens: Address[] = []
  const requests: SimResult['requests'] = []
  const pendingRequests: bigint[] = []
  let requestCount = 0n
  const revenueSinceSnapshot = [0n, 0n, 0n]
  const snapshotsTaken = [0, 0, 0]
  const malformed: MalformedCase[] = []

  // Provenance ids.
  const ids = {
    dsWeb: stringToHex('ds:web-crawl', { size: 32 }),
    dsCode: stringToHex('ds:code', { size: 32 }),
    dsInstr: stringToHex('ds:instructions', { size: 32 }),
    webV1: stringToHex('web-crawl@1', { size: 32 }),
    webV2: stringToHex('web-crawl@2', { size: 32 }),
    codeV1: stringToHex('code@1', { size: 32 }),
    instrV1: stringToHex('instructions@1', { size: 32 }),
    mvBase: stringToHex('llama-garden-8b@base', { size: 32 }),
    mvChat: stringToHex('llama-garden-8b@chat', { size: 32 }),
    mvQuant: stringToHex('llama-garden-8b@chat-q4', { size: 32 }),
    mvOwl: stringToHex('code-owl-1b@base', { size: 32 }),
    unknownVersion: stringToHex('other-chain:corpus@7', { size: 32 }),
  }
  let contributionCount = 0
  let rewards: SimResult['rewards'] = { epochId: 0n, recipients: [], amounts: [], claimed: 0 }
  let revokedContribution = 0
  const contributionsByVersion = new Map<
    Hex,
    { id: number; contributor: Address; items: number; qualityBps: number }[]
  >()

  for (let day = 0; day <= size.days; day++) {
    // 01:00 registrations, status changes, revaluation and the ownership transfer.
    for (const g of gpus.filter((g) => g.registeredDay === day)) {
      await registry.call(admin, 'register', [
        g.gpuId,
        g.owner,
        g.operator,
        label(g.sku),
        label(g.region),
        g.valuation,
        d.stablecoin,
      ])
      status.set(g.gpuId, 0)
    }
    if (day === 3) {
      await registry.call(maintenanceGpu.operator, 'setStatus', [maintenanceGpu.gpuId, 1])
      status.set(maintenanceGpu.gpuId, 1)
    }
    if (day === 4) {
      await registry.call(maintenanceGpu.operator, 'setStatus', [maintenanceGpu.gpuId, 0])
      status.set(maintenanceGpu.gpuId, 0)
    }
    if (day === retireDay) {
      await registry.call(admin, 'setStatus', [retiring.gpuId, 3])
      status.set(retiring.gpuId, 3)
    }
    if (day === 5) {
      const to = investors[investors.length - 1]
      await chain.call(transferred.owner, d.gpuRegistry, 'GpuRegistry', 'transferFrom', [
        transferred.owner,
        to,
        transferred.gpuId,
      ])
      transfers.push({ gpuId: transferred.gpuId, from: transferred.owner, to, day })
      transferred.owner = to
    }
    await chain.mine(at(day, 1))

    // 02:00 usage of yesterday's epoch; a few are reported twice (the second is a correction).
    const corrections: SimUsage[] = []
    if (day > 0) {
      const epoch = day - 1
      for (const g of gpus) {
        if (g.registeredDay > epoch || (g.retiredDay != null && epoch >= g.retiredDay)) continue
        let availableSec = DAY
        if (g === maintenanceGpu && epoch === 3) availableSec = DAY - 6 * 3600
        const rentedSec = Math.floor(availableSec * (0.55 + 0.4 * rng.next()))
        const u: SimUsage = {
          gpuId: g.gpuId,
          epoch,
          epochStart: start + epoch * DAY,
          availableSec,
          rentedSec,
          gross: grossOf(rentedSec, rateOf(g)),
          corrected: false,
        }
        await ledger.call(g.operator, 'reportUsage', [
          g.gpuId,
          BigInt(epoch),
          BigInt(u.epochStart),
          DAY,
          availableSec,
          rentedSec,
          u.gross,
          d.stablecoin,
        ])
        usage.push(u)
        if (rng.chance(0.08)) corrections.push(u)
      }
    }
    await chain.mine(at(day, 2))
    for (const u of corrections) {
      const g = gpus.find((x) => x.gpuId === u.gpuId)!
      u.rentedSec = Math.floor(u.rentedSec * 0.9)
      u.gross = grossOf(u.rentedSec, rateOf(g))
      u.corrected = true
      await ledger.call(g.operator, 'reportUsage', [
        g.gpuId,
        BigInt(u.epoch),
        BigInt(u.epochStart),
        DAY,
        u.availableSec,
        u.rentedSec,
        u.gross,
        d.stablecoin,
      ])
    }
    await chain.mine(at(day, 3))
    // 04:00 revenue of yesterday's epoch is paid out to the GPU owners.
    for (const u of usage.filter((x) => x.epoch === day - 1)) {
      await ledger.call(gpus[Number(u.gpuId) - 1].operator, 'distribute', [u.gpuId, BigInt(u.epoch)])
    }
    await chain.mine(at(day, 4))

    // 12:00 one GPU is revalued mid-day.
    if (day === 5) {
      const v = (revalued.valuation * 85n) / 100n
      await registry.call(admin, 'revalue', [revalued.gpuId, v])
      revaluations.push({ gpuId: revalued.gpuId, day, valuation: v })
      revalued.valuation = v
      await chain.mine(at(day, 12))
    }

    // 06:00 the vault: deposits early on, a daily yield accrual from GPU repayments, withdrawals late.
    if (day === 0 || day === 2 || day === 5) {
      for (const i of investors.slice(day, day + 3))
        await vault.call(i, 'deposit', [BigInt(rng.int(5_000, 50_000)) * USD, i])
    }
    if (day >= 1) await vault.call(treasury, 'accrueYield', [BigInt(rng.int(20, 40)) * USD])
    if (day === Math.floor(size.days / 2)) {
      await vault.call(investors[0], 'withdraw', [1_000n * USD, investors[0], investors[0]])
      await vault.call(investors[1], 'redeem', [1_000n * USD, investors[1], investors[1]])
    }
    await chain.mine(at(day, 6))

    // 08:00 model offerings: created day 0, deposits days 0-2, finalized day 3, claims day 4.
    if (day === 0) {
      for (const o of offerings) {
        await factory.call(o.creator, 'createModel', [
          { name: o.name, symbol: o.symbol, totalSupply: o.supply, claimableBps: o.bps, revenueAsset: d.stablecoin },
          {
            tokensForSale: o.sale,
            target: o.target,
            raiseAsset: d.stablecoin,
            startTime: BigInt(at(0, 8)),
            endTime: BigInt(at(3, 0)),
          },
        ])
      }
      await chain.mine(at(0, 8))
      for (let m = 1; m <= offerings.length; m++) {
        tokens.push(
          (
            (await chain.read<Address>(d.modelTokenFactory, 'ModelTokenFactory', 'tokenOf', [BigInt(m)])) as string
          ).toLowerCase() as Address,
        )
      }
    }
    if (day <= 2) {
      for (let m = 0; m < offerings.length; m++) {
        const o = offerings[m]
        for (let k = 0; k < o.deposits.length; k++) {
          if (k % 3 !== day) continue
          await factory.call(investors[(m + k) % investors.length], 'deposit', [BigInt(m + 1), o.deposits[k] * USD])
        }
      }
      await chain.mine(at(day, 9))
    }
    if (day === 3) {
      for (let m = 1; m <= offerings.length; m++) await factory.call(admin, 'finalize', [BigInt(m)])
      await chain.mine(at(day, 8))
    }
    if (day === 4) {
      for (let m = 0; m < offerings.length; m++) {
        const o = offerings[m]
        const investorsOf = new Set(o.deposits.map((_, k) => investors[(m + k) % investors.length]))
        for (const i of investorsOf) await factory.call(i, 'claim', [BigInt(m + 1)])
      }
      await chain.mine(at(day, 9))
    }

    // 10:00-20:00 inference on the two live models; most requests are answered within hours.
    if (day >= 4) {
      for (let k = 0; k < size.callsPerDay; k++) {
        const m = rng.chance(0.7) ? 1 : 3
        const fee = BigInt(rng.int(200_000, 3_000_000))
        const caller = rng.pick(callers)
        await router.call(caller, 'request', [BigInt(m), fee])
        requests.push({ modelId: m, caller, fee, day, fulfilled: false })
        revenueSinceSnapshot[m - 1] += fee
        pendingRequests.push(++requestCount)
      }
      await chain.mine(at(day, 10))
      const answered = pendingRequests.splice(0, pendingRequests.length).filter((r) => r % 7n !== 3n)
      for (const r of answered) {
        await router.call(provider, 'fulfill', [r, rng.bytes32()])
        requests[Number(r) - 1].fulfilled = true
      }
      await chain.mine(at(day, 10 + rng.int(1, 10)))
    }

    // 21:00 snapshots every third day, claims and token moves the day after.
    if (day >= 5 && day % 3 === 2) {
      for (const m of [1, 3]) {
        if (revenueSinceSnapshot[m - 1] === 0n) continue
        await chain.call(offerings[m - 1].creator, tokens[m - 1], 'ModelToken', 'snapshot', [])
        revenueSinceSnapshot[m - 1] = 0n
        snapshotsTaken[m - 1]++
      }
      await chain.mine(at(day, 21))
    }
    if (day >= 6 && day % 3 === 0 && snapshotsTaken[0] > 0) {
      // The two largest depositors of model 1 claim the newest snapshot.
      for (const i of [investors[0], investors[1]])
        await chain.call(i, tokens[0], 'ModelToken', 'claim', [BigInt(snapshotsTaken[0])])
      await chain.mine(at(day, 22))
    }
    if (day === 6) {
      await chain.call(investors[0], tokens[0], 'ModelToken', 'transfer', [investors[6], 10_000n * TOKEN])
      await chain.call(offerings[0].creator, tokens[0], 'ModelToken', 'transfer', [investors[7], 50_000n * TOKEN])
      await chain.mine(at(day, 23))
    }
    if (day === 9) {
      await chain.call(investors[6], tokens[0], 'ModelToken', 'burnRedeem', [4_000n * TOKEN])
      await chain.mine(at(day, 23))
    }

    // Data provenance across the first days, then a revocation, rewards and claims.
    if (day === 0) {
      const [c0, c1] = curators
      await data.call(c0, 'registerDataset', [ids.dsWeb, label('CC-BY-4.0'), 'ipfs://bafy-web-crawl'])
      await data.call(c0, 'registerDataset', [ids.dsInstr, label('CC-BY-SA-4.0'), 'ipfs://bafy-instructions'])
      await data.call(c1, 'registerDataset', [ids.dsCode, label('Apache-2.0'), 'ar://code-corpus'])
      await data.call(c0, 'publishVersion', [ids.webV1, ids.dsWeb, 1, rng.bytes32(), 1_200_000n, 48_000_000_000n])
      await data.call(c1, 'publishVersion', [ids.codeV1, ids.dsCode, 1, rng.bytes32(), 300_000n, 9_000_000_000n])
      await chain.mine(at(0, 13))
      await data.call(c0, 'publishVersion', [ids.webV2, ids.dsWeb, 2, rng.bytes32(), 950_000n, 39_000_000_000n])
      await data.call(c0, 'publishVersion', [ids.instrV1, ids.dsInstr, 1, rng.bytes32(), 80_000n, 400_000_000n])
      await chain.mine(at(0, 14))
      await data.call(c0, 'derive', [ids.webV2, ids.webV1, 1, 8000]) // DEDUP
      await data.call(c0, 'derive', [ids.instrV1, ids.webV2, 0, 4000]) // FILTER
      await data.call(c0, 'derive', [ids.instrV1, ids.codeV1, 3, 3000]) // MERGE
      for (const [v, curator] of [
        [ids.webV1, c0],
        [ids.webV2, c0],
        [ids.codeV1, c1],
        [ids.instrV1, c0],
      ] as [Hex, Address][]) {
        const list: { id: number; contributor: Address; items: number; qualityBps: number }[] = []
        for (let k = 0; k < size.contributorsPerVersion; k++) {
          const who = contributors[(contributionCount * 5) % 7] // a few contributors work on several versions
          const itemsRoot = rng.bytes32()
          const items = rng.int(100, 5000)
          const qualityBps = rng.int(5000, 10000)
          await data.call(curator, 'recordContribution', [v, who, k % 4, itemsRoot, items, qualityBps])
          list.push({ id: ++contributionCount, contributor: who, items, qualityBps })
        }
        contributionsByVersion.set(v, list)
      }
      await chain.mine(at(0, 15))
    }
    if (day === 2) {
      await prov.call(creators[0], 'publishModelVersion', [ids.mvBase, 1n, zero32, 0, rng.bytes32(), 'ipfs://lg8-base'])
      await prov.call(creators[2], 'publishModelVersion', [ids.mvOwl, 3n, zero32, 0, rng.bytes32(), 'ipfs://owl-base'])
      await chain.mine(at(2, 14))
      await prov.call(attester, 'attestTrainingRun', [
        rng.bytes32(),
        ids.mvBase,
        [ids.webV2, ids.codeV1],
        [7000, 3000],
        [1n, 2n, 3n],
        BigInt(at(0, 16)),
        BigInt(at(2, 10)),
        rng.bytes32(),
      ])
      await prov.call(attester, 'attestTrainingRun', [
        rng.bytes32(),
        ids.mvOwl,
        [ids.codeV1],
        [10000],
        [4n],
        BigInt(at(1, 0)),
        BigInt(at(2, 12)),
        rng.bytes32(),
      ])
      await chain.mine(at(2, 15))
    }
    if (day === 5) {
      // Fine-tune with two runs; the second names a dataset version and a GPU this index has never seen.
      await prov.call(creators[0], 'publishModelVersion', [
        ids.mvChat,
        1n,
        ids.mvBase,
        1,
        rng.bytes32(),
        'ipfs://lg8-chat',
      ])
      await chain.mine(at(5, 14))
      await prov.call(attester, 'attestTrainingRun', [
        rng.bytes32(),
        ids.mvChat,
        [ids.instrV1],
        [10000],
        [5n],
        BigInt(at(4, 0)),
        BigInt(at(5, 6)),
        rng.bytes32(),
      ])
      await prov.call(attester, 'attestTrainingRun', [
        rng.bytes32(),
        ids.mvChat,
        [ids.instrV1, ids.unknownVersion],
        [6000, 4000],
        [1n, 999n],
        BigInt(at(5, 0)),
        BigInt(at(5, 12)),
        rng.bytes32(),
      ])
      const revoked = contributionsByVersion.get(ids.instrV1)![0]
      revokedContribution = revoked.id
      await data.call(curators[0], 'revokeContribution', [BigInt(revoked.id), 1])
      await chain.mine(at(5, 15))
    }
    if (day === 7) {
      await prov.call(creators[0], 'publishModelVersion', [
        ids.mvQuant,
        1n,
        ids.mvChat,
        4,
        rng.bytes32(),
        'ipfs://lg8-chat-q4',
      ])
      // Rewards for the base model's contributors, claimed by the first two an hour later (within the day: a
      // later timestamp here would push the next day's blocks).
      const recipients = [...new Set(contributionsByVersion.get(ids.webV2)!.map((c) => c.contributor))]
      const amounts = recipients.map((_, i) => BigInt(100 + 25 * i) * USD)
      const epochId = 1n
      const tree = merkleTree(recipients.map((r, i) => rewardLeaf(epochId, r, amounts[i])))
      const total = amounts.reduce((a, b) => a + b, 0n)
      await prov.call(attester, 'allocateRewards', [epochId, ids.mvBase, d.stablecoin, total, tree.root])
      await chain.mine(at(7, 16))
      rewards = { epochId, recipients, amounts, claimed: Math.min(2, recipients.length) }
      for (let i = 0; i < Math.min(2, recipients.length); i++) {
        await prov.call(recipients[i], 'claimReward', [epochId, amounts[i], tree.proof(i)])
      }
      await chain.mine(at(7, 17))
    }

    // One day before the end, a hostile emitter speaks at our addresses; valid events continue after it.
    if (day === size.days - 1) {
      malformed.push(...(await injectMalformedLogs(chain, d, at(day, 18), { knownGpu: gpus[0].gpuId, ids })))
    }
  }

  const head = await chain.rpc<{ number: Hex; hash: Hex }>('eth_getBlockByNumber', ['latest', false])
  return {
    deployment: d,
    accounts,
    start,
    end: start + (size.days + 1) * DAY,
    gpus,
    usage,
    revaluations,
    transfers,
    malformed,
    tokens,
    offerings,
    requests,
    ids,
    contributions: [...contributionsByVersion.entries()].flatMap(([version, list]) =>
      list.map((c) => ({ ...c, version, revoked: c.id === revokedContribution })),
    ),
    rewards,
    txs: chain.sent,
    headBlock: Number(head.number),
    headHash: head.hash,
  }
}

const zero32 = `0x${'0'.repeat(64)}` as Hex

/** bytes32("ASCII"), right-padded with NULs. */
export function label(s: string): Hex {
  return stringToHex(s, { size: 32 })
}

function grossOf(rentedSec: number, ratePerHour: bigint): bigint {
  return (BigInt(rentedSec) * ratePerHour) / 3600n
}

export { OPERATOR_FEE_BPS, PROTOCOL_FEE_BPS }
