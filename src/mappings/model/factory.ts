import * as abi from '../../abi/modelTokenFactory'
import { Offering, OfferingClaim, OfferingDeposit, OfferingInvestor, OfferingStatus, TokenStandard } from '../../model'
import type { Ctx, Log } from '../shared/types'
import type { Accounts } from '../shared/accounts'
import { Appends, Book } from '../shared/book'
import type { ChainIds } from '../shared/chain'
import { evidenceOf } from '../shared/evidence'
import { cleanText } from '../shared/labels'
import { type Decoded, type Rejects, decodeEvent } from '../shared/rejects'
import { unixToDate } from '../shared/time'
import { offeringPrice } from './math'
import { newModelToken } from './tokens'
import { ZERO_ADDRESS } from '../shared/address'
import type { ModelTokens } from './tokens'

/**
 * The model token factory: token creation (the factory pattern starts following the token) and the
 * initial model offering: deposits, outcome and price, and each investor's claim of tokens and refund.
 */
type FactoryEvent = Decoded<typeof abi.events>

export class FactoryHandler {
  private readonly offerings = new Book(Offering)
  private readonly investors = new Book(OfferingInvestor)
  private readonly deposits = new Appends<OfferingDeposit>()
  private readonly claims = new Appends<OfferingClaim>()

  constructor(
    private readonly chain: ChainIds,
    private readonly rejects: Rejects,
    private readonly accounts: Accounts,
    private readonly tokens: ModelTokens,
  ) {}

  decode(log: Log): FactoryEvent | undefined {
    const d = decodeEvent(this.rejects, log, abi.events)
    if (!d) return
    const at = new Date(log.block.timestamp)
    this.tokens.wantModel(d.e.modelId)
    this.offerings.want(this.chain.of(d.e.modelId))
    if (d.name === 'ModelTokenCreated') this.accounts.touch(d.e.creator, at)
    if (d.name === 'ImoDeposited' || d.name === 'ImoClaimed') {
      this.investors.want(this.chain.of(`${d.e.modelId}-${this.accounts.touch(d.e.investor, at)}`))
    }
    return d
  }

  async load(ctx: Ctx) {
    await this.offerings.load(ctx)
    await this.investors.load(ctx)
  }

  apply(d: FactoryEvent) {
    const ev = evidenceOf(d.log)
    const modelId = d.e.modelId
    const reject = (reason: string) => this.rejects.add(d.log, reason, d.name)
    if (d.name === 'ModelTokenCreated') {
      const e = d.e
      const address = e.token.toLowerCase()
      if (this.tokens.ofModel(modelId)) return reject(`model ${modelId} already has a token`)
      if (this.tokens.get(address)) return reject(`token ${address} was already created`)
      if (e.claimableBps > 10000) return reject(`claimableBps ${e.claimableBps} > 10000`)
      // an ERC-7641 token's own percentClaimable() wins over what the factory announced, and its
      // revenue is the native coin (docs/interface.md)
      const pct = this.tokens.percentClaimable.get(address)
      this.tokens.add(
        newModelToken({
          id: this.chain.of(address),
          standard: pct == null ? TokenStandard.DEAI : TokenStandard.ERC7641,
          modelId,
          factory: d.log.address,
          creator: this.accounts.get(e.creator.toLowerCase()),
          name: cleanText(e.name),
          symbol: cleanText(e.symbol),
          initialSupply: e.totalSupply,
          claimableBps: pct == null ? e.claimableBps : Number(pct) * 100,
          revenueAsset: pct == null ? e.revenueAsset.toLowerCase() : ZERO_ADDRESS,
          ...ev,
        }),
      )
      return
    }
    const offering = this.offerings.get(this.chain.of(modelId))
    if (d.name === 'ImoOpened') {
      const e = d.e
      const token = this.tokens.ofModel(modelId)
      if (!token) return reject(`model ${modelId} has no token`)
      if (offering) return reject(`offering of model ${modelId} was already opened`)
      if (e.tokensForSale === 0n) return reject('tokensForSale is 0')
      const startTime = unixToDate(e.startTime)
      const endTime = unixToDate(e.endTime)
      if (!startTime || !endTime) return reject(`startTime ${e.startTime} or endTime ${e.endTime} is not a unix time`)
      this.offerings.put(
        new Offering({
          id: this.chain.of(modelId),
          modelId,
          token,
          tokensForSale: e.tokensForSale,
          target: e.target,
          raiseAsset: e.raiseAsset.toLowerCase(),
          startTime,
          endTime,
          deposited: 0n,
          depositCount: 0,
          investorCount: 0,
          status: OfferingStatus.OPEN,
          raised: null,
          price: null,
          finalizedAt: null,
          finalizedTxHash: null,
          ...ev,
        }),
      )
      return
    }
    if (!offering) return reject(`model ${modelId} has no offering`)
    if (d.name === 'ImoDeposited') {
      if (offering.status !== OfferingStatus.OPEN) return reject(`offering of model ${modelId} is already finalized`)
      const investor = d.e.investor.toLowerCase()
      const positionId = this.chain.of(`${modelId}-${investor}`)
      const position = this.investors.getOrCreate(positionId, () => {
        offering.investorCount++
        return new OfferingInvestor({
          id: positionId,
          offering,
          investor: this.accounts.get(investor),
          deposited: 0n,
          claimed: false,
          tokens: null,
          refund: null,
        })
      })
      position.deposited += d.e.amount
      offering.deposited += d.e.amount
      offering.depositCount++
      this.offerings.put(offering)
      this.deposits.push(
        new OfferingDeposit({
          id: this.chain.event(d.log),
          offering,
          investor: this.accounts.get(investor),
          amount: d.e.amount,
          ...ev,
        }),
      )
      return
    }
    if (d.name === 'ImoFinalized') {
      if (offering.status !== OfferingStatus.OPEN) return reject(`offering of model ${modelId} is already finalized`)
      offering.status = d.e.success ? OfferingStatus.SUCCEEDED : OfferingStatus.FAILED
      offering.raised = d.e.raised
      offering.price = d.e.success ? offeringPrice(d.e.raised, offering.target, offering.tokensForSale) : null
      offering.finalizedAt = ev.blockTime
      offering.finalizedTxHash = ev.txHash
      this.offerings.put(offering)
      return
    }
    // ImoClaimed
    if (offering.status === OfferingStatus.OPEN) return reject(`offering of model ${modelId} is not finalized`)
    const investor = d.e.investor.toLowerCase()
    const position = this.investors.get(this.chain.of(`${modelId}-${investor}`))
    if (!position) return reject(`${investor} did not deposit in the offering of model ${modelId}`)
    if (position.claimed) return reject(`${investor} already claimed from the offering of model ${modelId}`)
    position.claimed = true
    position.tokens = d.e.tokens
    position.refund = d.e.refund
    this.investors.put(position)
    this.claims.push(
      new OfferingClaim({
        id: this.chain.event(d.log),
        offering,
        investor: this.accounts.get(investor),
        tokens: d.e.tokens,
        refund: d.e.refund,
        ...ev,
      }),
    )
  }

  async save(ctx: Ctx) {
    await this.offerings.save(ctx)
    await this.investors.save(ctx)
    await this.deposits.save(ctx)
    await this.claims.save(ctx)
  }
}
