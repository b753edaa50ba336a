import { configuredAddresses, type ContractsConfig } from '../contracts/roles'
import { DataRegistryHandler } from './data/registry'
import { GpuDomain } from './gpu'
import { ModelDomain } from './model'
import { ProvenanceHandler } from './provenance/provenance'
import type { Accounts } from './shared/accounts'
import type { Domain } from './shared/domain'
import type { Rejects } from './shared/rejects'
import { VaultHandler } from './vault/vault'

/**
 * The domains of one batch, in write order: a table is written before the tables that reference it
 * (a training run's GPUs and dataset versions before the run), and loads and settles run in the same
 * order. Every log goes to the first domain that routes it.
 */
export function createDomains(contracts: ContractsConfig, rejects: Rejects, accounts: Accounts): Domain[] {
  const configured = configuredAddresses(contracts)
  const gpu = new GpuDomain(contracts, rejects, accounts)
  const data = new DataRegistryHandler(contracts, rejects, accounts)
  return [
    gpu,
    new VaultHandler(contracts, rejects, accounts),
    new ModelDomain(contracts, rejects, accounts, configured),
    data,
    new ProvenanceHandler(contracts, rejects, accounts, gpu, data),
  ]
}
