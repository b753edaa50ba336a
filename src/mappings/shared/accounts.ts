import { In } from 'typeorm'
import { Account } from '../../model'
import type { Ctx } from './types'
import { insertRows } from './write'

/** Accounts touched by a batch: loaded in one query, new ones inserted in one statement. */
export class Accounts {
  private readonly seen = new Map<string, Date>()
  private readonly byId = new Map<string, Account>()
  private readonly created: Account[] = []

  /** Notes an address at its first block time in this batch; returns the id (lowercase). */
  touch(address: string, at: Date): string {
    const id = address.toLowerCase()
    if (!this.seen.has(id)) this.seen.set(id, at)
    return id
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

  get(id: string): Account {
    const a = this.byId.get(id)
    if (!a) throw new Error(`account ${id} was not touched before use`)
    return a
  }

  /** A reference to an account known to exist already (for a foreign key only; no load needed). */
  ref(id: string): Account {
    return this.byId.get(id) ?? new Account({ id })
  }

  /** Inserts the accounts first seen in this batch (before rows that reference them). */
  async save(ctx: Ctx): Promise<void> {
    if (this.created.length) await insertRows(ctx, this.created.splice(0))
  }
}
