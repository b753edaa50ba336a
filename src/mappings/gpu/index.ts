import { Gpu } from '../../model'
import type { ContractsConfig } from '../../contracts/roles'
import type { Accounts } from '../shared/accounts'
import { Book } from '../shared/book'
import type { ChainIds } from '../shared/chain'
import type { Domain } from '../shared/domain'
import type { Rejects } from '../shared/rejects'
import type { Ctx, Log } from '../shared/types'
import { ComputeLedgerHandler } from './ledger'
import { GpuRegistryHandler } from './registry'
import { GpuRollups } from './rollups'

/** Tokenized GPUs: the registry (ERC-721), the compute ledger, and the hourly and daily rollups. */
export class GpuDomain implements Domain {
  readonly name = 'gpu'
  readonly gpus = new Book(Gpu, { operator: true }) // rollups denormalise the operator
  private readonly rollups: GpuRollups
  readonly registry: GpuRegistryHandler
  private readonly ledger: ComputeLedgerHandler

  constructor(
    private readonly contracts: ContractsConfig,
    chain: ChainIds,
    rejects: Rejects,
    accounts: Accounts,
  ) {
    this.rollups = new GpuRollups(chain)
    this.registry = new GpuRegistryHandler(chain, rejects, accounts, this.gpus)
    this.ledger = new ComputeLedgerHandler(chain, rejects, accounts, this.gpus, this.rollups)
  }

  route(log: Log) {
    if (log.address === this.contracts.gpuRegistry) return this.registry
    if (log.address === this.contracts.computeLedger) return this.ledger
    return undefined
  }

  async load(ctx: Ctx, mark = (_part: string) => {}) {
    await this.gpus.load(ctx)
    mark('gpus')
    // records before their rollups: a correction's old bucket is known only from its record
    await this.ledger.load(ctx)
    mark('ledger')
    await this.rollups.load(ctx)
    mark('rollups')
  }

  async settle() {
    this.registry.finish()
  }

  async save(ctx: Ctx, mark = (_part: string) => {}) {
    await this.gpus.save(ctx)
    mark('gpus')
    await this.registry.save(ctx)
    mark('registry')
    await this.ledger.save(ctx)
    mark('ledger')
    await this.rollups.save(ctx)
    mark('rollups')
  }
}
