import { In } from 'typeorm'
import { topicsOf } from '../../contracts/abis'
import * as factoryAbi from '../../abi/modelTokenFactory'
import { ModelToken } from '../../model'
import type { Ctx, Log } from '../shared/types'
import { Book } from '../shared/book'

/**
 * The model tokens a batch touches, by address and by modelId, plus the factory-pattern bookkeeping:
 * which non-configured addresses are model tokens, and from which log on.
 */
export const TOKEN_TOPICS = topicsOf('modelToken')
const CREATED = factoryAbi.events.ModelTokenCreated.topic

export class ModelTokens {
  readonly book = new Book(ModelToken)
  private readonly byModelId = new Map<string, ModelToken>()
  private readonly wantedModelIds = new Set<string>()
  /** token address -> [block, logIndex] of its ModelTokenCreated in this batch */
  private readonly createdInBatch = new Map<string, [number, number]>()
  private readonly candidates = new Set<string>()
  private readonly known = new Set<string>()

  /**
   * Before decoding: notes tokens the factory creates in this batch and loads, in one query, the
   * already indexed tokens among the addresses that emitted model-token topics.
   */
  async scan(ctx: Ctx, factory: string | null, configured: Set<string>) {
    for (const block of ctx.blocks) {
      for (const log of block.logs) {
        if (factory && log.address === factory && log.topics[0] === CREATED && log.topics.length === 4) {
          const token = `0x${log.topics[2].slice(26)}`
          if (!this.createdInBatch.has(token)) this.createdInBatch.set(token, [block.header.height, log.logIndex])
        } else if (!configured.has(log.address) && TOKEN_TOPICS.includes(log.topics[0])) {
          this.candidates.add(log.address)
        }
      }
    }
    const lookup = [...this.candidates].filter((a) => !this.createdInBatch.has(a))
    if (lookup.length === 0) return
    for (const t of await ctx.store.findBy(ModelToken, { id: In(lookup) })) {
      this.book.adopt(t)
      this.known.add(t.id)
      if (t.modelId != null) this.byModelId.set(t.modelId.toString(), t)
    }
  }

  /**
   * Whether a log at this address belongs to a followed model token: 'yes', 'no' (not a token, or
   * before its creation block), or 'early' (same block as its creation but before that log: the
   * token's mint comes before the factory's event in one transaction, so it is applied right after).
   */
  follows(log: Log): 'yes' | 'no' | 'early' {
    if (this.known.has(log.address)) return 'yes'
    const created = this.createdInBatch.get(log.address)
    if (!created) return 'no'
    const [block, index] = created
    if (log.block.height > block) return 'yes'
    if (log.block.height < block) return 'no'
    return log.logIndex > index ? 'yes' : 'early'
  }

  /** tokens created in this batch, with the [block, logIndex] of their creation */
  created(): IterableIterator<[string, [number, number]]> {
    return this.createdInBatch.entries()
  }

  wantModel(modelId: bigint) {
    this.wantedModelIds.add(modelId.toString())
  }

  async load(ctx: Ctx) {
    const ids = [...this.wantedModelIds].filter((id) => !this.byModelId.has(id))
    if (ids.length === 0) return
    for (const t of await ctx.store.findBy(ModelToken, { modelId: In(ids.map(BigInt)) })) {
      if (t.modelId != null) this.byModelId.set(t.modelId.toString(), this.book.adopt(t))
    }
  }

  get(address: string): ModelToken | undefined {
    return this.book.get(address)
  }

  ofModel(modelId: bigint): ModelToken | undefined {
    return this.byModelId.get(modelId.toString())
  }

  add(t: ModelToken) {
    this.book.put(t)
    if (t.modelId != null) this.byModelId.set(t.modelId.toString(), t)
  }

  /** Marks a token changed (its counters are written at the end of the batch). */
  touch(t: ModelToken) {
    this.book.put(t)
  }

  save(ctx: Ctx) {
    return this.book.save(ctx)
  }
}
