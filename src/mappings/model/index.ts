import type { ContractsConfig } from '../../contracts/roles'
import type { Accounts } from '../shared/accounts'
import type { Follows } from '../shared/follows'
import type { Domain, Handler } from '../shared/domain'
import type { Rejects } from '../shared/rejects'
import type { Ctx, Log } from '../shared/types'
import { FactoryHandler } from './factory'
import { InferenceHandler } from './inference'
import { TokenHandler } from './token'
import { ModelTokens, TOKEN_TOPICS } from './tokens'

type FactoryEvent = NonNullable<ReturnType<FactoryHandler['decode']>>
type TokenEvent = NonNullable<ReturnType<TokenHandler['decode']>>

/**
 * Tokenized models: the token factory with its offerings, the model tokens it creates (followed from
 * their creation on: the factory pattern) and the inference router.
 */
export class ModelDomain implements Domain {
  readonly name = 'model'
  private readonly tokens = new ModelTokens()
  private readonly factory: FactoryHandler
  private readonly token: TokenHandler
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
    rejects: Rejects,
    accounts: Accounts,
    configured: string[],
    private readonly follows: Follows,
  ) {
    this.configured = new Set(configured)
    this.factory = new FactoryHandler(rejects, accounts, this.tokens)
    this.token = new TokenHandler(rejects, accounts, this.tokens)
    this.inference = new InferenceHandler(rejects, accounts, this.tokens)
  }

  async prepare(ctx: Ctx) {
    await this.tokens.scan(ctx, this.contracts.modelTokenFactory, this.configured)
    // a token the subscription lacks: the batch is replayed with it (follows.ts)
    for (const [token, [block]] of this.tokens.created()) this.follows.token(token, 'DEAI', block)
  }

  route(log: Log): Handler<any> | undefined {
    const a = log.address
    if (a === this.contracts.modelTokenFactory) return this.factoryEvents
    if (a === this.contracts.inferenceRouter) return this.inference
    // any other configured contract belongs to its own domain, whatever the factory says of it
    if (this.configured.has(a) || !TOKEN_TOPICS.includes(log.topics[0])) return undefined
    const follows = this.tokens.follows(log)
    return follows === 'yes' ? this.token : follows === 'early' ? this.earlyEvents : undefined
  }

  async load(ctx: Ctx, mark = (_part: string) => {}) {
    await this.tokens.load(ctx)
    mark('tokens')
    await this.factory.load(ctx)
    mark('factory')
    await this.token.load(ctx)
    mark('token')
    await this.inference.load(ctx)
    mark('inference')
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
