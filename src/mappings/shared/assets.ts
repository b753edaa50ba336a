import { Asset } from '../../model'
import { Book } from './book'
import { CallSet, smallIntOf, textOf } from './calls'
import { ZERO_ADDRESS } from './address'
import type { Ctx } from './types'

const NAME = '0x06fdde03'
const SYMBOL = '0x95d89b41'
const DECIMALS = '0x313ce567'

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

  constructor(private readonly nativeSymbol: string) {}

  meet(address: string, block: number): void {
    const a = address.toLowerCase()
    const seen = this.met.get(a)
    if (seen == null || block < seen) this.met.set(a, block)
    this.book.want(a)
  }

  async load(ctx: Ctx): Promise<void> {
    if (this.met.size === 0) return
    await this.book.load(ctx)
    const calls = new CallSet()
    for (const [address, block] of this.met) {
      if (this.book.get(address)) continue
      if (address === ZERO_ADDRESS) {
        this.book.put(
          new Asset({ id: address, symbol: this.nativeSymbol, name: null, decimals: 18, readAtBlock: block }),
        )
        continue
      }
      const asset = this.book.put(
        new Asset({ id: address, symbol: null, name: null, decimals: null, readAtBlock: block }),
      )
      calls.add({ to: address, data: NAME, block }, (r) => (asset.name = textOf(r)))
      calls.add({ to: address, data: SYMBOL, block }, (r) => (asset.symbol = textOf(r)))
      calls.add({ to: address, data: DECIMALS, block }, (r) => (asset.decimals = smallIntOf(r, 77)))
    }
    await calls.run(ctx)
  }

  /** The asset's decimals once loaded; null when unknown or not met. */
  decimalsOf(address: string): number | null {
    return this.book.get(address.toLowerCase())?.decimals ?? null
  }

  save(ctx: Ctx): Promise<void> {
    return this.book.save(ctx)
  }
}
