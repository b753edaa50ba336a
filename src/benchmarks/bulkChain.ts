import type { Address } from 'viem'
import type { NetworkConfig } from '../config/network'
import type { TxBatch } from '../demo/txbatch'
import { CONFIGURED_ROLES, ROLES, type ConfiguredRole, type ContractsConfig } from '../contracts/roles'
import { label } from '../demo/simulate'

/**
 * A benchmark chain of valid events for every domain, emitted in loops by contracts/bench
 * (one contract per role), so generating a million events takes seconds, not hours.
 */
export interface BulkPlan {
  gpus: number
  epochs: number
  contributions: number
  datasets: number
  requests: number
  vaultDeposits: number
  models: number
  tokenTransfers: number
  modelVersions: number
  /** events per block, about (dense: thousands; sparse: a few) */
  eventsPerBlock: number
  /**
   * Every block mixes the kinds of activity (vault flows, contributions, model versions, usage,
   * inference, token transfers), one transaction of each, once the GPUs, datasets and models are
   * set up. Without it, each kind fills its own run of blocks.
   */
  mixed?: boolean
}

const SPARSE: BulkPlan = {
  gpus: 500,
  epochs: 80,
  contributions: 10_000,
  datasets: 100,
  requests: 4000,
  vaultDeposits: 500,
  models: 2,
  tokenTransfers: 500,
  modelVersions: 100,
  eventsPerBlock: 10,
}

/** The ingestion scenarios (bench/README.md): the plans of `bench:ingest` and `bench:chains`. */
export const BULK_SCENARIOS: Record<string, BulkPlan> = {
  // ≈ 1,000,000 events in blocks of ≈ 5,000
  dense: {
    gpus: 5000,
    epochs: 80,
    contributions: 100_000,
    datasets: 1000,
    requests: 40_000,
    vaultDeposits: 5000,
    models: 10,
    tokenTransfers: 5000,
    modelVersions: 1000,
    eventsPerBlock: 5000,
  },
  // ≈ 100,000 events, ≈ 10 per block
  sparse: SPARSE,
  // the same quantities, every block carrying one transaction of each kind still going (≈ 30 events)
  mixed: { ...SPARSE, eventsPerBlock: 30, mixed: true },
}

/** A scenario with its quantities scaled (GPUs, contributions, requests, deposits, transfers). */
export function scaledPlan(base: BulkPlan, scale: number): BulkPlan {
  const plan = { ...base }
  for (const k of ['gpus', 'contributions', 'requests', 'vaultDeposits', 'tokenTransfers'] as const)
    plan[k] = Math.round(plan[k] * scale)
  return plan
}

export interface BulkChain {
  contracts: NetworkConfig['contracts']
  events: number
  blocks: number
  headBlock: number
  generationMs: number
  counts: Record<string, number>
  /** an account with contributions (for impact queries) */
  contributor: Address
  /** the model tokens the bench factory announces (the baselines subscribe to them directly) */
  tokens: Address[]
}

export const BENCH_START = Date.UTC(2026, 0, 1) / 1000
const START = BENCH_START
const DAY = 86400
const GAS_PER_EVENT = 9_000

/** The bulk contracts, deployed, with the accounts that play each role. */
async function deployBulk(chain: TxBatch, models: number) {
  await chain.init()
  const accounts = (await chain.rpc<Address[]>('eth_accounts', [])).map((a) => a.toLowerCase() as Address)
  const [admin] = accounts
  const people = accounts.slice(1, 21)
  const asset = '0x00000000000000000000000000000000000000a5' as Address
  // one bench emitter per configured role, in the roles' order
  const at = {} as Record<ConfiguredRole, Address>
  for (const r of CONFIGURED_ROLES) at[r] = await chain.deploy(admin, `Bulk${ROLES[r].contract}`)
  const c = {
    registry: at.gpuRegistry,
    ledger: at.computeLedger,
    vault: at.gpuVaults,
    factory: at.modelTokenFactory,
    router: at.inferenceRouter,
    data: at.dataRegistry,
    prov: at.provenanceRegistry,
    tokens: [] as Address[],
  }
  for (let m = 0; m < models; m++) c.tokens.push(await chain.deploy(admin, 'BulkModelToken'))
  const gas = (events: number) => 200_000 + events * GAS_PER_EVENT
  const call = (to: Address, name: Parameters<TxBatch['call']>[2], fn: string, args: unknown[], events: number) =>
    chain.call(admin, to, name, fn, args, gas(events))
  const networkContracts = Object.fromEntries(
    CONFIGURED_ROLES.map((r) => [r, ROLES[r].addresses === 'many' ? [at[r]] : at[r]]),
  ) as ContractsConfig
  return { admin, people, asset, c, call, networkContracts }
}

const SKUS = ['H100-SXM-80GB', 'H200-SXM-141GB', 'A100-80GB', 'L40S-48GB'].map(label)
const REGIONS = ['us-east', 'eu-west', 'ap-south'].map(label)
const SUPPLY = 1_000_000n * 10n ** 18n

export async function buildBulkChain(chain: TxBatch, plan: BulkPlan): Promise<BulkChain> {
  const t0 = Date.now()
  const { people, asset, c, call, networkContracts } = await deployBulk(chain, plan.models)
  const { registry, ledger, vault, factory, router, data, prov, tokens } = c
  let now = START
  await chain.mine(now)

  // Every step is cut into transactions of at most `perTx` events; blocks are mined every
  // `eventsPerBlock` events, so the chain has the density asked for. In a mixed chain the steps after
  // the setup are queued as streams of transactions instead, and each block takes one of each.
  const counts: Record<string, number> = {}
  let pending = 0
  let blocks = 0
  const perTx = Math.max(1, Math.min(2500, plan.eventsPerBlock))
  const streams = new Map<string, (() => Promise<void>)[]>()
  let queueing = false
  // A mixed chain's streams all last about `rounds` blocks: each takes its items in that many transactions.
  const streamItems: Record<string, [items: number, eventsPerItem: number]> = {
    VaultFlows: [plan.vaultDeposits, 3],
    Contributions: [plan.contributions, 1],
    ModelVersions: [plan.modelVersions, 2],
    Usage: [plan.gpus * plan.epochs, 2],
    Inference: [plan.requests, 2],
    TokenActivity: [plan.tokenTransfers, 2],
  }
  const rounds = Math.ceil(
    Object.values(streamItems).reduce((n, [items, per]) => n + items * per, 0) / plan.eventsPerBlock,
  )
  async function mine() {
    now += 12
    await chain.mine(now)
    blocks++
    pending = 0
  }
  /** `extra`: events a call emits besides its items (a token's snapshot) */
  async function step(
    kind: string,
    total: number,
    eventsPerItem: number,
    send: (first: number, n: number) => Promise<void>,
    extra = 0,
  ) {
    const itemsPerTx = queueing
      ? Math.min(Math.max(1, Math.ceil(streamItems[kind][0] / rounds)), Math.floor(2500 / eventsPerItem))
      : Math.max(1, Math.floor(perTx / eventsPerItem))
    for (let first = 0; first < total; first += itemsPerTx) {
      const n = Math.min(itemsPerTx, total - first)
      const tx = async () => {
        await send(first, n)
        counts[kind] = (counts[kind] ?? 0) + n * eventsPerItem + extra
        pending += n * eventsPerItem + extra
      }
      if (queueing) {
        // one stream per kind: the epochs of usage (and each token's transfers) follow one another
        streams.set(kind, [...(streams.get(kind) ?? []), tx])
        continue
      }
      await tx()
      if (pending >= plan.eventsPerBlock) await mine()
    }
  }
  /** A mixed chain: one transaction of each stream per block, until every stream is done. */
  async function interleave() {
    queueing = false
    const queues = [...streams.values()]
    for (let i = 0; queues.some((q) => i < q.length); i++) {
      for (const q of queues) if (i < q.length) await q[i]()
      await mine()
    }
  }
  const operators = people.slice(0, 5)
  await step('GpuRegistry', plan.gpus, 2, (first, n) =>
    call(
      registry,
      'BulkGpuRegistry',
      'register',
      [BigInt(first + 1), BigInt(n), people[5], operators, SKUS, REGIONS, 30_000_000_000n, asset],
      n * 2,
    ),
  )
  await step('Datasets', plan.datasets, 3, (first, n) =>
    call(data, 'BulkDataRegistry', 'datasets', [BigInt(first), BigInt(n), people[6]], n * 3),
  )
  for (let m = 0; m < plan.models; m++) {
    const supply = SUPPLY
    await call(
      factory,
      'BulkModelTokenFactory',
      'create',
      [BigInt(m + 1), tokens[m], people[7], supply, asset, BigInt(now), BigInt(now + DAY)],
      2,
    )
    await call(tokens[m], 'BulkModelToken', 'mint', [people.slice(0, 10), supply / 10n], 10)
    counts.Models = (counts.Models ?? 0) + 12
    pending += 12
  }
  // the setup is done: what follows is queued in a mixed chain
  queueing = !!plan.mixed
  await step('VaultFlows', plan.vaultDeposits, 3, (_f, n) =>
    call(vault, 'BulkGpuVault', 'flows', [BigInt(n), people.slice(0, 8)], n * 3),
  )
  await step('Contributions', plan.contributions, 1, (first, n) =>
    call(
      data,
      'BulkDataRegistry',
      'contributions',
      [BigInt(first + 1), BigInt(n), BigInt(plan.datasets), people.slice(8, 20)],
      n,
    ),
  )
  await step('ModelVersions', plan.modelVersions, 2, (first, n) =>
    call(
      prov,
      'BulkProvenanceRegistry',
      'versions',
      [BigInt(first), BigInt(n), 1n, BigInt(plan.datasets), BigInt(plan.gpus), people[9], BigInt(now)],
      n * 2,
    ),
  )
  // Usage: one epoch per simulated day, every GPU, reported and paid out.
  for (let e = 0; e < plan.epochs; e++) {
    await step('Usage', plan.gpus, 2, (first, n) =>
      call(
        ledger,
        'BulkComputeLedger',
        'epoch',
        [BigInt(first + 1), BigInt(n), BigInt(e), BigInt(START + e * DAY), people[5], asset],
        n * 2,
      ),
    )
  }
  await step('Inference', plan.requests, 2, (first, n) =>
    call(
      router,
      'BulkInferenceRouter',
      'requests',
      [BigInt(first + 1), BigInt(n), BigInt(1 + (first % Math.max(1, plan.models))), people.slice(10, 18)],
      n * 2,
    ),
  )
  const perModel = Math.ceil(plan.tokenTransfers / Math.max(1, plan.models))
  for (let m = 0; m < plan.models; m++) {
    await step(
      'TokenActivity',
      perModel,
      2,
      (_f, n) =>
        call(
          tokens[m],
          'BulkModelToken',
          'activity',
          [BigInt(n), people.slice(0, 10), 1_000_000n * 10n ** 18n, people[11]],
          n * 2 + 1,
        ),
      1,
    )
  }
  if (plan.mixed) await interleave()
  await mine()
  const head = Number(await chain.rpc<string>('eth_blockNumber', []))
  // one empty block on top, so that with finality 1 the last event block is final for every indexer
  await chain.mine(now + 12)
  return {
    contracts: networkContracts,
    events: Object.values(counts).reduce((a, b) => a + b, 0),
    blocks,
    headBlock: head,
    generationMs: Date.now() - t0,
    counts,
    contributor: people[8],
    tokens,
  }
}

/**
 * A chain shaped like a mainnet's, for the subscription's cost: every block carries a few hundred
 * logs of contracts that are not ours (dozens of ERC-20s moving, with the Transfer topic of a model
 * token, and swap pairs), and one block in `oursEvery` has a handful of our events.
 */
export interface MainnetPlan {
  blocks: number
  tokens: number
  pairs: number
  /** Transfer logs of each foreign token per block */
  perToken: number
  /** swaps of each pair per block (two logs each: Swap, Sync) */
  perPair: number
  oursEvery: number
}

export async function buildMainnetChain(chain: TxBatch, plan: MainnetPlan): Promise<BulkChain & { foreign: number }> {
  const t0 = Date.now()
  const models = 2
  const { admin, people, asset, c, call, networkContracts } = await deployBulk(chain, models)
  // a vault whose state is read from the chain, as a real ERC-4626 vault's is
  c.vault = await chain.deploy(admin, 'BulkChainVault')
  networkContracts.gpuVaults = [c.vault]
  const noise: Address[] = []
  for (let i = 0; i < plan.tokens; i++) noise.push(await chain.deploy(admin, 'NoiseToken'))
  const pairs: Address[] = []
  for (let i = 0; i < plan.pairs; i++) pairs.push(await chain.deploy(admin, 'NoisePair'))
  const hub = await chain.deploy(admin, 'NoiseHub')
  let now = START
  await chain.mine(now)
  const counts: Record<string, number> = {}
  const ours = (kind: string, n: number) => (counts[kind] = (counts[kind] ?? 0) + n)
  const perBlock = plan.tokens * plan.perToken + plan.pairs * plan.perPair * 2
  let foreign = 0
  let gpus = 0
  let round = 0
  for (let b = 0; b < plan.blocks; b++) {
    await chain.call(
      admin,
      hub,
      'NoiseHub',
      'blockOf',
      [noise, pairs, BigInt(plan.perToken), BigInt(plan.perPair), BigInt(b * 100_000)],
      200_000 + perBlock * 4_000,
    )
    foreign += perBlock
    if (b % plan.oursEvery === 0) {
      // our events, a few per kind, rotating: the factory announces its tokens in the first of these blocks
      const r = round++
      if (r < models) {
        await call(
          c.factory,
          'BulkModelTokenFactory',
          'create',
          [BigInt(r + 1), c.tokens[r], people[7], SUPPLY, asset, BigInt(now), BigInt(now + DAY)],
          2,
        )
        await call(c.tokens[r], 'BulkModelToken', 'mint', [people.slice(0, 10), SUPPLY / 10n], 10)
        ours('Models', 12)
      }
      await call(
        c.registry,
        'BulkGpuRegistry',
        'register',
        [BigInt(gpus + 1), 2n, people[5], people.slice(0, 5), SKUS, REGIONS, 30_000_000_000n, asset],
        4,
      )
      gpus += 2
      ours('GpuRegistry', 4)
      await call(
        c.ledger,
        'BulkComputeLedger',
        'epoch',
        [1n, BigInt(gpus), BigInt(r), BigInt(START + r * DAY), people[5], asset],
        gpus * 2,
      )
      ours('Usage', gpus * 2)
      await call(c.vault, 'BulkGpuVault', 'flows', [1n, people.slice(0, 8)], 3)
      ours('VaultFlows', 3)
      await call(c.tokens[r % models], 'BulkModelToken', 'activity', [2n, people.slice(0, 10), SUPPLY, people[11]], 5)
      ours('TokenActivity', 5)
    }
    now += 12
    await chain.mine(now)
  }
  const head = Number(await chain.rpc<string>('eth_blockNumber', []))
  await chain.mine(now + 12)
  return {
    contracts: networkContracts,
    events: Object.values(counts).reduce((a, b) => a + b, 0),
    blocks: plan.blocks,
    headBlock: head,
    generationMs: Date.now() - t0,
    counts,
    contributor: people[8],
    tokens: c.tokens,
    foreign,
  }
}

/**
 * A chain whose history grows in time at a constant rate: one block per simulated day holding that
 * day's usage epoch of every GPU, inference requests, vault flows and token activity. A window of the
 * last days then has the same answer size however long the history is (the scaling curves). The
 * provenance graph (a fine-tune chain over a derivation chain with contributions) sits in the first
 * block and its size is planned separately.
 */
export interface DailyPlan {
  days: number
  gpus: number
  requestsPerDay: number
  flowsPerDay: number
  transfersPerDay: number
  modelVersions: number
  datasets: number
  contributions: number
}

export async function buildDailyChain(chain: TxBatch, plan: DailyPlan): Promise<BulkChain> {
  const daily = await startDailyChain(chain, plan)
  for (let d = 0; d < plan.days; d++) await daily.addDay()
  return daily.summary()
}

/**
 * The daily chain, open-ended: the setup block now, then one more simulated day per `addDay()`
 * (the soak test keeps adding days while the processor indexes them live). `summary()` describes
 * the chain so far, with one empty block on top so the last day is final with finality 1.
 */
export async function startDailyChain(
  chain: TxBatch,
  plan: Omit<DailyPlan, 'days'>,
): Promise<{ addDay(): Promise<number>; summary(): Promise<BulkChain> }> {
  const t0 = Date.now()
  const { people, asset, c, call, networkContracts } = await deployBulk(chain, 1)
  await chain.mine(START)
  const counts: Record<string, number> = {}
  const count = (kind: string, n: number) => (counts[kind] = (counts[kind] ?? 0) + n)
  const operators = people.slice(0, 5)
  const perTx = 1000
  for (let first = 0; first < plan.gpus; first += perTx / 2) {
    const n = Math.min(perTx / 2, plan.gpus - first)
    const args = [BigInt(first + 1), BigInt(n), people[5], operators, SKUS, REGIONS, 30_000_000_000n, asset]
    await call(c.registry, 'BulkGpuRegistry', 'register', args, n * 2)
    count('GpuRegistry', n * 2)
  }
  await call(
    c.factory,
    'BulkModelTokenFactory',
    'create',
    [1n, c.tokens[0], people[7], SUPPLY, asset, BigInt(START), BigInt(START + DAY)],
    2,
  )
  await call(c.tokens[0], 'BulkModelToken', 'mint', [people.slice(0, 10), SUPPLY / 10n], 10)
  count('Models', 12)
  // Provenance: a derivation chain of datasets, contributions spread over them, a fine-tune chain.
  const inTxs = async (
    kind: string,
    total: number,
    perItem: number,
    send: (first: number, n: number) => Promise<void>,
  ) => {
    const step = Math.max(1, Math.floor(perTx / perItem))
    for (let first = 0; first < total; first += step) {
      const n = Math.min(step, total - first)
      await send(first, n)
      count(kind, n * perItem)
    }
  }
  await inTxs('Datasets', plan.datasets, 3, (first, n) =>
    call(c.data, 'BulkDataRegistry', 'datasets', [BigInt(first), BigInt(n), people[6]], n * 3),
  )
  await inTxs('Contributions', plan.contributions, 1, (first, n) =>
    call(
      c.data,
      'BulkDataRegistry',
      'contributions',
      [BigInt(first + 1), BigInt(n), BigInt(plan.datasets), people.slice(8, 20)],
      n,
    ),
  )
  await inTxs('ModelVersions', plan.modelVersions, 2, (first, n) =>
    call(
      c.prov,
      'BulkProvenanceRegistry',
      'versions',
      [BigInt(first), BigInt(n), 1n, BigInt(plan.datasets), BigInt(plan.gpus), people[9], BigInt(START)],
      n * 2,
    ),
  )
  let d = 0
  const addDay = async (): Promise<number> => {
    const dayStart = START + d * DAY
    for (let first = 0; first < plan.gpus; first += perTx / 2) {
      const n = Math.min(perTx / 2, plan.gpus - first)
      await call(
        c.ledger,
        'BulkComputeLedger',
        'epoch',
        [BigInt(first + 1), BigInt(n), BigInt(d), BigInt(dayStart), people[5], asset],
        n * 2,
      )
      count('Usage', n * 2)
    }
    const r = plan.requestsPerDay
    await call(
      c.router,
      'BulkInferenceRouter',
      'requests',
      [BigInt(d * r + 1), BigInt(r), 1n, people.slice(10, 18)],
      r * 2,
    )
    count('Inference', r * 2)
    await call(c.vault, 'BulkGpuVault', 'flows', [BigInt(plan.flowsPerDay), people.slice(0, 8)], plan.flowsPerDay * 3)
    count('VaultFlows', plan.flowsPerDay * 3)
    const t = plan.transfersPerDay
    await call(
      c.tokens[0],
      'BulkModelToken',
      'activity',
      [BigInt(t), people.slice(0, 10), SUPPLY, people[11]],
      t * 2 + 1,
    )
    count('TokenActivity', t * 2 + 1)
    // the day's events land an hour into the day, after its epoch started
    await chain.mine(dayStart + 3600)
    d++
    return Number(await chain.rpc<string>('eth_blockNumber', []))
  }
  const summary = async (): Promise<BulkChain> => {
    const head = Number(await chain.rpc<string>('eth_blockNumber', []))
    await chain.mine(START + d * DAY + 3600)
    return {
      contracts: networkContracts,
      events: Object.values(counts).reduce((a, b) => a + b, 0),
      blocks: d,
      headBlock: head,
      generationMs: Date.now() - t0,
      counts,
      tokens: c.tokens,
      contributor: people[8],
    }
  }
  return { addDay, summary }
}
