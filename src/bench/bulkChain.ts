import type { Address } from 'viem'
import type { NetworkConfig } from '../config/network'
import type { TxBatch } from '../demo/txbatch'
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
}

const START = Date.UTC(2026, 0, 1) / 1000
const DAY = 86400
const GAS_PER_EVENT = 9_000

export async function buildBulkChain(chain: TxBatch, plan: BulkPlan): Promise<BulkChain> {
  const t0 = Date.now()
  await chain.init()
  const accounts = (await chain.rpc<Address[]>('eth_accounts', [])).map((a) => a.toLowerCase() as Address)
  const [admin] = accounts
  const people = accounts.slice(1, 21)
  const asset = '0x00000000000000000000000000000000000000a5' as Address
  let now = START

  const registry = await chain.deploy(admin, 'BulkGpuRegistry')
  const ledger = await chain.deploy(admin, 'BulkComputeLedger')
  const vault = await chain.deploy(admin, 'BulkVault')
  const factory = await chain.deploy(admin, 'BulkModelTokenFactory')
  const router = await chain.deploy(admin, 'BulkInferenceRouter')
  const data = await chain.deploy(admin, 'BulkDataRegistry')
  const prov = await chain.deploy(admin, 'BulkProvenanceRegistry')
  const tokens: Address[] = []
  for (let m = 0; m < plan.models; m++) tokens.push(await chain.deploy(admin, 'BulkModelToken'))
  await chain.mine(now)

  // Every step is cut into transactions of at most `perTx` events; blocks are mined every
  // `eventsPerBlock` events, so the chain has the density asked for.
  const counts: Record<string, number> = {}
  let pending = 0
  let blocks = 0
  const perTx = Math.max(1, Math.min(2500, plan.eventsPerBlock))
  /** `extra`: events a call emits besides its items (a token's snapshot) */
  async function step(
    kind: string,
    total: number,
    eventsPerItem: number,
    send: (first: number, n: number) => Promise<void>,
    extra = 0,
  ) {
    const itemsPerTx = Math.max(1, Math.floor(perTx / eventsPerItem))
    for (let first = 0; first < total; first += itemsPerTx) {
      const n = Math.min(itemsPerTx, total - first)
      await send(first, n)
      counts[kind] = (counts[kind] ?? 0) + n * eventsPerItem + extra
      pending += n * eventsPerItem + extra
      if (pending >= plan.eventsPerBlock) {
        now += 12
        await chain.mine(now)
        blocks++
        pending = 0
      }
    }
  }
  const gas = (events: number) => 200_000 + events * GAS_PER_EVENT
  const call = (to: Address, name: Parameters<TxBatch['call']>[2], fn: string, args: unknown[], events: number) =>
    chain.call(admin, to, name, fn, args, gas(events))

  const operators = people.slice(0, 5)
  const skus = ['H100-SXM-80GB', 'H200-SXM-141GB', 'A100-80GB', 'L40S-48GB'].map(label)
  const regions = ['us-east', 'eu-west', 'ap-south'].map(label)
  await step('GpuRegistry', plan.gpus, 2, (first, n) =>
    call(
      registry,
      'BulkGpuRegistry',
      'register',
      [BigInt(first + 1), BigInt(n), people[5], operators, skus, regions, 30_000_000_000n, asset],
      n * 2,
    ),
  )
  await step('VaultFlows', plan.vaultDeposits, 3, (_f, n) =>
    call(vault, 'BulkVault', 'flows', [BigInt(n), people.slice(0, 8)], n * 3),
  )
  await step('Datasets', plan.datasets, 3, (first, n) =>
    call(data, 'BulkDataRegistry', 'datasets', [BigInt(first), BigInt(n), people[6]], n * 3),
  )
  for (let m = 0; m < plan.models; m++) {
    const supply = 1_000_000n * 10n ** 18n
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
  now += 12
  await chain.mine(now)
  blocks++
  const head = Number(await chain.rpc<string>('eth_blockNumber', []))
  // one empty block on top, so that with finality 1 the last event block is final for every indexer
  await chain.mine(now + 12)
  return {
    contracts: {
      gpuRegistry: registry,
      computeLedger: ledger,
      gpuVaults: [vault],
      modelTokenFactory: factory,
      inferenceRouter: router,
      dataRegistry: data,
      provenanceRegistry: prov,
    },
    events: Object.values(counts).reduce((a, b) => a + b, 0),
    blocks,
    headBlock: head,
    generationMs: Date.now() - t0,
    counts,
    contributor: people[8],
  }
}
