import { In } from 'typeorm'
import { topicsOf } from '../../contracts/abis'
import * as factoryAbi from '../../abi/modelTokenFactory'
import { ModelToken } from '../../model'
import type { FollowedStandard } from '../shared/follows'
import type { Ctx, Log } from '../shared/types'
import { Book } from '../shared/book'
import { type ChainIds, nativeId } from '../shared/chain'

/**
 * The model tokens a batch touches, by address and by modelId, plus the factory-pattern bookkeeping:
 * which non-configured addresses are model tokens, and from which log on.
 */
export const TOKEN_TOPICS = topicsOf('modelToken')
export const ERC7641_TOPICS = topicsOf('erc7641Token')
const ANY_TOKEN_TOPICS = new Set([...TOKEN_TOPICS, ...ERC7641_TOPICS])
const CREATED = factoryAbi.events.ModelTokenCreated.topic

/** A standalone token (the network file's modelTokens) first met in this batch, at its first log or transaction. */
export interface FirstSight {
  address: string
  standard: FollowedStandard
  block: number
  time: number
  txHash: string
  logIndex: number | null
}

export class ModelTokens {
  readonly book = new Book(ModelToken)
  private readonly byModelId = new Map<string, ModelToken>()
  private readonly wantedModelIds = new Set<string>()
  /** token address -> [block, logIndex] of its ModelTokenCreated in this batch */
  private readonly createdInBatch = new Map<string, [number, number]>()
  private readonly candidates = new Set<string>()
  private readonly known = new Set<string>()
  /** ERC-7641 tokens' percentClaimable(), read at their creation or first sight in this batch */
  readonly percentClaimable = new Map<string, bigint>()
  readonly firstSights: FirstSight[] = []

  /** `standalone`: the network file's modelTokens, with their standards. Tokens are named by address. */
  constructor(
    private readonly chain: ChainIds,
    private readonly standalone: Map<string, FollowedStandard> = new Map(),
  ) {}

  /**
   * Before decoding: notes tokens the factory creates in this batch and loads, in one query, the
   * already indexed tokens among the addresses that emitted model-token topics.
   */
  async scan(ctx: Ctx, factory: string | null, configured: Set<string>) {
    /** a standalone token's first log or transaction in the batch */
    const first = new Map<string, Omit<FirstSight, 'address' | 'standard'>>()
    for (const block of ctx.blocks) {
      const at = { block: block.header.height, time: block.header.timestamp }
      // transactions are fetched for ERC-7641 tokens only (processor.ts): each is a candidate
      for (const tx of block.transactions) {
        const to = tx.to?.toLowerCase()
        if (!to) continue
        this.candidates.add(to)
        if (this.standalone.has(to) && !first.has(to)) first.set(to, { ...at, txHash: tx.hash, logIndex: null })
      }
      for (const log of block.logs) {
        if (factory && log.address === factory && log.topics[0] === CREATED && log.topics.length === 4) {
          const token = `0x${log.topics[2].slice(26)}`
          if (!this.createdInBatch.has(token)) this.createdInBatch.set(token, [block.header.height, log.logIndex])
        } else if (!configured.has(log.address) && ANY_TOKEN_TOPICS.has(log.topics[0])) {
          this.candidates.add(log.address)
          const f = first.get(log.address)
          if (this.standalone.has(log.address) && (!f || f.block > at.block))
            first.set(log.address, { ...at, txHash: log.transactionHash, logIndex: log.logIndex })
        }
      }
    }
    const lookup = [...this.candidates].filter((a) => !this.createdInBatch.has(a))
    if (lookup.length === 0) return
    for (const t of await ctx.store.findBy(ModelToken, { id: In(lookup.map((a) => this.chain.of(a))) })) {
      this.book.adopt(t)
      this.known.add(nativeId(t.id))
      if (t.modelId != null) this.byModelId.set(t.modelId.toString(), t)
    }
    // standalone tokens met for the first time: followed from their first item of this batch on
    for (const [address, f] of first) {
      if (this.known.has(address) || this.createdInBatch.has(address)) continue
      this.createdInBatch.set(address, [f.block, -1])
      this.firstSights.push({ address, standard: this.standalone.get(address)!, ...f })
    }
  }

  /** The standard of a followed token (after its creation in this batch, the one read for it). */
  standardOf(address: string): FollowedStandard | undefined {
    const t = this.book.get(this.chain.of(address))
    if (t) return t.standard as FollowedStandard
    if (this.percentClaimable.has(address)) return 'ERC7641'
    const s = this.standalone.get(address)
    if (s) return s
    return this.createdInBatch.has(address) ? 'DEAI' : undefined
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

  /** Whether a transaction to this address at this block is one of a followed token's. */
  followsAt(address: string, block: number): boolean {
    if (this.known.has(address)) return true
    const created = this.createdInBatch.get(address)
    return created != null && block >= created[0]
  }

  wantModel(modelId: bigint) {
    this.wantedModelIds.add(modelId.toString())
  }

  async load(ctx: Ctx) {
    const ids = [...this.wantedModelIds].filter((id) => !this.byModelId.has(id))
    if (ids.length === 0) return
    const where = { chainId: this.chain.chainId, modelId: In(ids.map(BigInt)) }
    for (const t of await ctx.store.findBy(ModelToken, where)) {
      if (t.modelId != null) this.byModelId.set(t.modelId.toString(), this.book.adopt(t))
    }
  }

  get(address: string): ModelToken | undefined {
    return this.book.get(this.chain.of(address))
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

type Identity = 'id' | 'standard' | 'modelId' | 'factory' | 'creator' | 'name' | 'symbol' | 'initialSupply'
type Origin = 'claimableBps' | 'revenueAsset' | 'txHash' | 'blockNumber' | 'blockTime' | 'logIndex'

/** A model token's row when the index first meets it: what it is, and every counter at zero. */
export function newModelToken(f: Pick<ModelToken, Identity | Origin>): ModelToken {
  return new ModelToken({
    ...f,
    totalSupply: 0n,
    revenueReceived: 0n,
    claimableTotal: 0n,
    claimedTotal: 0n,
    burned: 0n,
    burnPaid: 0n,
    snapshotCount: 0,
    holderCount: 0,
  })
}
