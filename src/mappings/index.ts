import type { NetworkConfig } from '../config/network'
import { configuredAddresses } from '../contracts/roles'
import { DataRegistryHandler } from './data/registry'
import { GpuDomain } from './gpu'
import { ModelDomain } from './model'
import { ProvenanceHandler } from './provenance/provenance'
import type { Accounts } from './shared/accounts'
import type { ChainIds } from './shared/chain'
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
  /** the ids of the chain the batch belongs to */
  chain: ChainIds
  rejects: Rejects
  accounts: Accounts
  assets: Assets
  follows: Follows
}

export function createDomains(config: NetworkConfig, shared: Shared): Domain[] {
  const { contracts } = config
  const { chain, rejects, accounts, assets, follows } = shared
  const configured = configuredAddresses(contracts)
  return [
    new GpuDomain(contracts, chain, rejects, accounts),
    new VaultHandler(contracts, chain, rejects, accounts, assets, follows, config.vaultSampleSec),
    new ModelDomain(
      contracts,
      chain,
      rejects,
      accounts,
      configured,
      follows,
      assets,
      new Map(config.modelTokens.map((t) => [t.address, t.standard === 'erc7641' ? 'ERC7641' : 'DEAI'])),
    ),
    new DataRegistryHandler(contracts, chain, rejects, accounts),
    new ProvenanceHandler(contracts, chain, rejects, accounts, config.resolve),
  ]
}
