import type { ContractsConfig } from '../../contracts/roles'
import type { Accounts } from '../shared/accounts'
import type { Follows } from '../shared/follows'
import type { Domain, Handler } from '../shared/domain'
import type { Rejects } from '../shared/rejects'
import type { Ctx, Log } from '../shared/types'
import * as erc7641Abi from '../../abi/erc7641Token'
import { TokenStandard } from '../../model'
import type { Assets } from '../shared/assets'
import type { ChainIds } from '../shared/chain'
import { CallSet, wordAt } from '../shared/calls'
import { ZERO_ADDRESS } from '../shared/address'
import type { FollowedStandard } from '../shared/follows'
import type { Transaction } from '../shared/types'
import { Erc7641Handler } from './erc7641'
import { FactoryHandler } from './factory'
import { InferenceHandler } from './inference'
import { TokenHandler } from './token'
import { ERC7641_TOPICS, ModelTokens, newModelToken, TOKEN_TOPICS } from './tokens'

type FactoryEvent = NonNullable<ReturnType<FactoryHandler['decode']>>
type TokenEvent = NonNullable<ReturnType<TokenHandler['decode']>>

/**
 * Tokenized models: the token factory with its offerings, the model tokens it creates (followed from
 * their creation on: the factory pattern) and the inference router.
 */
export class ModelDomain implements Domain {
  readonly name = 'model'
  private readonly tokens: ModelTokens
  private readonly factory: FactoryHandler
  private readonly token: TokenHandler
  private readonly erc7641: Erc7641Handler
  private readonly inference: InferenceHandler
  private readonly configured: Set<string>
  /** a new token's logs before its ModelTokenCreated in the same block, by token address */
  private readonly early = new Map<string, TokenEvent[]>()

  /** the factory's events; a token's creation is followed by the token's earlier logs of that block */
  private readonly factoryEvents: Handler<FactoryEvent> = {
    decode: (log) => this.factory.decode(log),
    apply: (d) => {
      this.factory.apply(d)
      if (d.name !== 'ModelTokenCreated') return
      for (const e of this.early.get(d.e.token.toLowerCase()) ?? []) this.token.apply(e)
    },
  }

  /** a token's log that comes before its creation: decoded now, applied after the creation */
  private readonly earlyEvents: Handler<TokenEvent> = {
    decode: (log) => {
      const d = this.token.decode(log)
      if (!d) return undefined
      const list = this.early.get(log.address)
      if (list) list.push(d)
      else this.early.set(log.address, [d])
      return undefined
    },
    apply: () => {},
  }

  constructor(
    private readonly contracts: ContractsConfig,
    private readonly chain: ChainIds,
    rejects: Rejects,
    accounts: Accounts,
    configured: string[],
    private readonly follows: Follows,
    private readonly assets: Assets,
    standalone: Map<string, FollowedStandard>,
  ) {
    this.configured = new Set(configured)
    this.tokens = new ModelTokens(chain, standalone)
    this.factory = new FactoryHandler(chain, rejects, accounts, this.tokens)
    this.token = new TokenHandler(chain, rejects, accounts, this.tokens)
    this.erc7641 = new Erc7641Handler(chain, rejects, accounts, this.tokens, this.token)
    this.inference = new InferenceHandler(chain, rejects, accounts, this.tokens)
  }

  /**
   * Finds the tokens created in this batch and standalone tokens met for the first time; a token that
   * answers percentClaimable() is an ERC-7641 token. A token the subscription lacks makes the batch
   * replay with it (follows.ts).
   */
  async prepare(ctx: Ctx) {
    await this.tokens.scan(ctx, this.contracts.modelTokenFactory, this.configured)
    const reads = new CallSet()
    const created = [...this.tokens.created()].filter(([token]) => !this.tokens.get(token))
    for (const [token, [block]] of created) {
      reads.add({ to: token, data: erc7641Abi.functions.percentClaimable.encode({}), block }, (r) => {
        const pct = wordAt(r)
        if (pct != null && pct <= 100n) this.tokens.percentClaimable.set(token, pct)
      })
    }
    for (const f of this.tokens.firstSights) this.assets.meet(f.address, f.block)
    await reads.run(ctx)
    for (const [token, [block]] of created) {
      const standard = this.tokens.standardOf(token)!
      this.follows.token(token, standard, block)
      if (standard === 'ERC7641') this.assets.meet(ZERO_ADDRESS, block) // its revenue asset: the native coin
    }
  }

  route(log: Log): Handler<any> | undefined {
    const a = log.address
    if (a === this.contracts.modelTokenFactory) return this.factoryEvents
    if (a === this.contracts.inferenceRouter) return this.inference
    // any other configured contract belongs to its own domain, whatever the factory says of it
    if (this.configured.has(a)) return undefined
    const erc7641 = this.tokens.standardOf(a) === 'ERC7641'
    if (!(erc7641 ? ERC7641_TOPICS : TOKEN_TOPICS).includes(log.topics[0])) return undefined
    const follows = this.tokens.follows(log)
    if (follows === 'yes') return erc7641 ? this.erc7641 : this.token
    // a token's mint before its creation is announced in the same transaction: applied right after it
    return follows === 'early' ? this.earlyEvents : undefined
  }

  /** Transactions are fetched for ERC-7641 tokens only: their claims, burns and revenue. */
  routeTransaction(tx: Transaction) {
    const to = tx.to?.toLowerCase()
    if (!to || this.tokens.standardOf(to) !== 'ERC7641') return undefined
    return this.tokens.followsAt(to, tx.block.height) ? this.erc7641 : undefined
  }

  async load(ctx: Ctx, mark = (_part: string) => {}) {
    await this.tokens.load(ctx)
    await this.firstSights(ctx)
    mark('tokens')
    await this.factory.load(ctx)
    mark('factory')
    await this.token.load(ctx)
    await this.erc7641.load(ctx)
    mark('token')
    await this.inference.load(ctx)
    mark('inference')
  }

  /** A standalone token's row, at its first log or transaction: its metadata is its own (assets). */
  private async firstSights(ctx: Ctx) {
    const reads = new CallSet()
    for (const f of this.tokens.firstSights) {
      const meta = this.assets.get(f.address)
      const token = newModelToken({
        id: this.chain.of(f.address),
        standard: f.standard === 'ERC7641' ? TokenStandard.ERC7641 : TokenStandard.DEAI,
        modelId: null,
        factory: null,
        creator: null,
        name: meta?.name ?? '',
        symbol: meta?.symbol ?? '',
        initialSupply: 0n,
        claimableBps: 0,
        revenueAsset: ZERO_ADDRESS,
        txHash: f.txHash,
        blockNumber: f.block,
        blockTime: new Date(f.time),
        logIndex: f.logIndex,
      })
      this.tokens.add(token)
      this.assets.meet(ZERO_ADDRESS, f.block) // its revenue asset
      if (f.standard === 'ERC7641') {
        reads.add({ to: f.address, data: erc7641Abi.functions.percentClaimable.encode({}), block: f.block }, (r) => {
          const pct = wordAt(r)
          if (pct != null && pct <= 100n) token.claimableBps = Number(pct) * 100
        })
      }
    }
    await reads.run(ctx)
  }

  async save(ctx: Ctx, mark = (_part: string) => {}) {
    await this.tokens.save(ctx)
    mark('tokens')
    await this.factory.save(ctx)
    mark('factory')
    await this.token.save(ctx)
    mark('token')
    await this.inference.save(ctx)
    mark('inference')
  }
}
