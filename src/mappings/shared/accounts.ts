import { In } from 'typeorm'
import { Account } from '../../model'
import type { ChainIds } from './chain'
import type { Ctx } from './types'
import { insertRows } from './write'

/**
 * Accounts touched by a batch: loaded in one query, new ones inserted in one statement. Handlers
 * name accounts by address; the rows are the chain's (`<chainId>:<address>`).
 */
export class Accounts {
  /** stored id -> first block time in this batch */
  private readonly seen = new Map<string, Date>()
  private readonly byId = new Map<string, Account>()
  private readonly created: Account[] = []

  constructor(private readonly chain: ChainIds) {}

  /** Notes an address at its first block time in this batch; returns the address, lowercase. */
  touch(address: string, at: Date): string {
    const a = address.toLowerCase()
    const id = this.chain.of(a)
    if (!this.seen.has(id)) this.seen.set(id, at)
    return a
  }

  async load(ctx: Ctx): Promise<void> {
    const ids = [...this.seen.keys()].filter((id) => !this.byId.has(id))
    if (ids.length === 0) return
    for (const a of await ctx.store.findBy(Account, { id: In(ids) })) this.byId.set(a.id, a)
    for (const id of ids) {
      if (this.byId.has(id)) continue
      const a = new Account({ id, firstSeenAt: this.seen.get(id)! })
      this.byId.set(id, a)
      this.created.push(a)
    }
  }

  /** The account of an address touched before (any case). */
  get(address: string): Account {
    const a = this.byId.get(this.chain.of(address.toLowerCase()))
    if (!a) throw new Error(`account ${address} was not touched before use`)
    return a
  }

  /** A reference to the account of an address known to exist already (for a foreign key only; no load needed). */
  ref(address: string): Account {
    const id = this.chain.of(address.toLowerCase())
    return this.byId.get(id) ?? new Account({ id })
  }

  /** Inserts the accounts first seen in this batch (before rows that reference them). */
  async save(ctx: Ctx): Promise<void> {
    if (this.created.length) await insertRows(ctx, this.created.splice(0))
  }
}
