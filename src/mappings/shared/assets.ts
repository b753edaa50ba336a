import { Asset } from '../../model'
import { Book } from './book'
import { CallSet, smallIntOf, textOf } from './calls'
import { ZERO_ADDRESS } from './address'
import type { ChainIds } from './chain'
import type { Ctx } from './types'

const ADDRESS = /^0x[0-9a-f]{40}$/
const NAME = '0x06fdde03'
const SYMBOL = '0x95d89b41'
const DECIMALS = '0x313ce567'

/** The fields of our events that name an asset (or, ModelTokenCreated's `token`, a token): met as decoded. */
const ASSET_FIELDS: Record<string, string[]> = {
  GpuRegistered: ['valuationAsset'],
  UsageReported: ['asset'],
  RevenueDistributed: ['asset'],
  ModelTokenCreated: ['revenueAsset', 'token'],
  ImoOpened: ['raiseAsset'],
  RewardsAllocated: ['asset'],
}

/**
 * Metadata of every asset the index meets (valuation, usage and revenue assets, vault assets, raise
 * and reward assets, model tokens): name(), symbol() and decimals(), read once, at the block where the
 * address was first met, and stored. The zero address is the native coin: the network file's
 * nativeSymbol and 18 decimals. Shared by every domain like the accounts: domains `meet` addresses
 * while decoding or loading, the handler loads the assets after the domains, before any event applies.
 */
export class Assets {
  private readonly book = new Book(Asset)
  /** address -> the first block it was met at in this batch */
  private readonly met = new Map<string, number>()

  constructor(
    private readonly chain: ChainIds,
    private readonly nativeSymbol: string,
  ) {}

  meet(address: string, block: number): void {
    const a = address.toLowerCase()
    // a hostile log can decode to a longer "address"; such an event is rejected, and no call is made
    if (!ADDRESS.test(a)) return
    const seen = this.met.get(a)
    if (seen == null || block < seen) this.met.set(a, block)
    this.book.want(this.chain.of(a))
  }

  /** Meets the assets a decoded event names (a `decodeEvent` result; anything else is ignored). */
  meetEvent(event: unknown): void {
    const d = event as { name?: string; e?: Record<string, unknown>; log?: { block: { height: number } } }
    const fields = d?.name ? ASSET_FIELDS[d.name] : undefined
    if (!fields || !d.e || !d.log) return
    for (const f of fields) {
      const v = d.e[f]
      if (typeof v === 'string') this.meet(v, d.log.block.height)
    }
  }

  async load(ctx: Ctx): Promise<void> {
    if (this.met.size === 0) return
    await this.book.load(ctx)
    const calls = new CallSet()
    for (const [address, block] of this.met) {
      if (this.book.get(this.chain.of(address))) continue
      if (address === ZERO_ADDRESS) {
        this.book.put(
          new Asset({
            id: this.chain.of(address),
            symbol: this.nativeSymbol,
            name: null,
            decimals: 18,
            readAtBlock: block,
          }),
        )
        continue
      }
      const asset = this.book.put(
        new Asset({ id: this.chain.of(address), symbol: null, name: null, decimals: null, readAtBlock: block }),
      )
      calls.add({ to: address, data: NAME, block }, (r) => (asset.name = textOf(r)))
      calls.add({ to: address, data: SYMBOL, block }, (r) => (asset.symbol = textOf(r)))
      calls.add({ to: address, data: DECIMALS, block }, (r) => (asset.decimals = smallIntOf(r, 77)))
    }
    await calls.run(ctx)
  }

  /** The asset's row once loaded. */
  get(address: string): Asset | undefined {
    return this.book.get(this.chain.of(address.toLowerCase()))
  }

  /** The asset's decimals once loaded; null when unknown or not met. */
  decimalsOf(address: string): number | null {
    return this.book.get(this.chain.of(address.toLowerCase()))?.decimals ?? null
  }

  save(ctx: Ctx): Promise<void> {
    return this.book.save(ctx)
  }
}
