import type { NetworkConfig } from '../config/network'
import { configuredAddresses } from '../contracts/roles'
import { DataRegistryHandler } from './data/registry'
import { GpuDomain } from './gpu'
import { ModelDomain } from './model'
import { ProvenanceHandler } from './provenance/provenance'
import type { Accounts } from './shared/accounts'
import type { Assets } from './shared/assets'
import type { Follows } from './shared/follows'
import type { Domain } from './shared/domain'
import type { Rejects } from './shared/rejects'
import { VaultHandler } from './vault/vault'

/**
 * The domains of one batch, in write order: a table is written before the tables that reference it
 * (a training run's GPUs and dataset versions before the run), and loads and settles run in the same
 * order. Every log goes to the first domain that routes it.
 */
/** What every domain shares in a batch: rejected logs, accounts, asset metadata, addresses to follow. */
export interface Shared {
  rejects: Rejects
  accounts: Accounts
  assets: Assets
  follows: Follows
}

export function createDomains(config: NetworkConfig, shared: Shared): Domain[] {
  const { contracts } = config
  const { rejects, accounts, assets, follows } = shared
  const configured = configuredAddresses(contracts)
  const gpu = new GpuDomain(contracts, rejects, accounts)
  const data = new DataRegistryHandler(contracts, rejects, accounts)
  return [
    gpu,
    new VaultHandler(contracts, rejects, accounts, assets, follows, config.vaultSampleSec),
    new ModelDomain(
      contracts,
      rejects,
      accounts,
      configured,
      follows,
      assets,
      new Map(config.modelTokens.map((t) => [t.address, t.standard === 'erc7641' ? 'ERC7641' : 'DEAI'])),
    ),
    data,
    new ProvenanceHandler(contracts, rejects, accounts, gpu, data),
  ]
}
