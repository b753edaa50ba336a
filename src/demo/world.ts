import type { Address } from 'viem'
import { deployAll, type Deployment } from './deploy'
import type { Rng } from './rng'
import type { TxBatch } from './txbatch'
import { DAY, USD } from './economy'

/** What every part of the demo economy shares: the chain, the seeded randomness, time, the cast, the contracts. */
export interface World {
  chain: TxBatch
  rng: Rng
  start: number
  size: { gpus: number; days: number; contributorsPerVersion: number; callsPerDay: number }
  /** unix time of an hour of a simulated day */
  at(day: number, hour: number): number
  d: Deployment
  accounts: Address[]
  admin: Address
  treasury: Address
  operators: Address[]
  investors: Address[]
  creators: Address[]
  callers: Address[]
  contributors: Address[]
  provider: Address
  curators: Address[]
  attester: Address
  /** each contract of the deployment, to call as an account */
  c: Record<Contract, { call(from: Address, fn: string, args?: unknown[]): Promise<unknown> }>
}
type Contract = 'usd' | 'registry' | 'ledger' | 'vault' | 'factory' | 'router' | 'data' | 'prov' | 'shares'

/** Deploys the contracts, names the cast from the chain's accounts, funds everyone and sets approvals. */
export async function createWorld(chain: TxBatch, rng: Rng, start: number, size: World['size']): Promise<World> {
  await chain.init()
  const accounts = (await chain.rpc<Address[]>('eth_accounts', [])).map((a) => a.toLowerCase() as Address)
  const [admin, treasury] = accounts
  const d = await deployAll(chain, admin, treasury, start + 60)
  const to = (name: Parameters<TxBatch['call']>[2], address: Address) => ({
    call: (from: Address, fn: string, args: unknown[] = []) => chain.call(from, address, name, fn, args),
  })
  const w: World = {
    chain,
    rng,
    start,
    size,
    at: (day, hour) => start + day * DAY + hour * 3600,
    d,
    accounts,
    admin,
    treasury,
    operators: accounts.slice(2, 5),
    investors: accounts.slice(5, 13),
    creators: accounts.slice(13, 16),
    callers: accounts.slice(16, 24),
    contributors: accounts.slice(24, 36),
    provider: accounts[36],
    curators: accounts.slice(37, 39),
    attester: accounts[39],
    c: {
      usd: to('Stablecoin', d.stablecoin),
      registry: to('GpuRegistry', d.gpuRegistry),
      ledger: to('ComputeLedger', d.computeLedger),
      vault: to('Erc4626Vault', d.gpuVault),
      shares: to('Erc7641Token', d.revenueToken),
      factory: to('ModelTokenFactory', d.modelTokenFactory),
      router: to('InferenceRouter', d.inferenceRouter),
      data: to('DataRegistry', d.dataRegistry),
      prov: to('ProvenanceRegistry', d.provenanceRegistry),
    },
  }
  // Money for everyone, and the approvals each role needs.
  const MAX = 2n ** 256n - 1n
  const { usd, router } = w.c
  for (const a of accounts.slice(1)) await usd.call(admin, 'mint', [a, 10_000_000n * USD])
  await router.call(admin, 'setProvider', [w.provider, true])
  for (const o of w.operators) await usd.call(o, 'approve', [d.computeLedger, MAX])
  for (const i of w.investors) {
    await usd.call(i, 'approve', [d.gpuVault, MAX])
    await usd.call(i, 'approve', [d.modelTokenFactory, MAX])
  }
  for (const c of w.callers) await usd.call(c, 'approve', [d.inferenceRouter, MAX])
  await usd.call(treasury, 'approve', [d.gpuVault, MAX])
  await usd.call(w.attester, 'approve', [d.provenanceRegistry, MAX])
  await chain.mine(w.at(0, 0) + 120)
  return w
}
