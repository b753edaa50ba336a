import { In, type FindOptionsRelations, type FindOptionsWhere } from 'typeorm'
import type { Ctx } from './types'
import { insertRows, upsertRows } from './write'

type EntityClass<E> = { new (...args: any[]): E }

/**
 * The rows of one entity type that a batch touches. Handlers note ids while decoding (`want`), the
 * book loads them in one query (`load`), handlers read and change them in memory (`get`/`put`), and
 * the book writes the changed ones in one upsert (`save`). No database call happens per log.
 */
export class Book<E extends { id: string }> {
  private readonly wanted = new Set<string>()
  private readonly byId = new Map<string, E>()
  private readonly dirty = new Set<string>()

  /** `relations`: relations the handlers read, joined into the same query. */
  constructor(
    private readonly cls: EntityClass<E>,
    private readonly relations?: FindOptionsRelations<E>,
  ) {}

  /** `id`: the stored id (`<chainId>:…`, src/mappings/shared/chain.ts) */
  want(id: string) {
    if (!this.byId.has(id)) this.wanted.add(id)
  }

  /** Loads the wanted ids (one query); more calls load only what was wanted since. */
  async load(ctx: Ctx): Promise<void> {
    const ids = [...this.wanted].filter((id) => !this.byId.has(id))
    this.wanted.clear()
    if (ids.length === 0) return
    const where = { id: In(ids) } as unknown as FindOptionsWhere<E>
    for (const e of await ctx.store.find(this.cls, { where, relations: this.relations })) this.byId.set(e.id, e)
  }

  /** Loads rows selected by another condition (e.g. all holders of a token); keeps rows already in memory. */
  async loadWhere(ctx: Ctx, where: FindOptionsWhere<E> | FindOptionsWhere<E>[]): Promise<void> {
    for (const e of await ctx.store.findBy(this.cls, where)) if (!this.byId.has(e.id)) this.byId.set(e.id, e)
  }

  get(id: string): E | undefined {
    return this.byId.get(id)
  }

  /** The row for id, created by `make` when neither the database nor this batch has it. */
  getOrCreate(id: string, make: () => E): E {
    let e = this.byId.get(id)
    if (!e) {
      e = make()
      this.byId.set(id, e)
    }
    this.dirty.add(id)
    return e
  }

  /** Keeps a row loaded elsewhere, unchanged (not written unless put later). */
  adopt(e: E): E {
    if (!this.byId.has(e.id)) this.byId.set(e.id, e)
    return this.byId.get(e.id)!
  }

  /** Adds a new row or marks a loaded one changed. */
  put(e: E): E {
    this.byId.set(e.id, e)
    this.dirty.add(e.id)
    return e
  }

  values(): IterableIterator<E> {
    return this.byId.values()
  }

  async save(ctx: Ctx): Promise<void> {
    if (this.dirty.size === 0) return
    await upsertRows(ctx, [...this.dirty].map((id) => this.byId.get(id)!) as any[])
    this.dirty.clear()
  }
}

/** Rows a batch only appends (event rows): one insert per table. */
export class Appends<E> {
  readonly rows: E[] = []
  push(e: E) {
    this.rows.push(e)
  }
  async save(ctx: Ctx): Promise<void> {
    if (this.rows.length) await insertRows(ctx, this.rows.splice(0) as any[])
  }
}

/**
 * Additive rows (sums and counts) whose ids are known only while events are applied, after the
 * load phase: the batch collects its change per row (`change`), and at save time loads the rows it
 * touched in one query, adds each change (`add`, to a loaded row or a new one from `make`) and
 * writes them in one upsert.
 */
export class Tallies<E extends { id: string }, D> {
  private readonly book: Book<E>
  private readonly changes = new Map<string, D>()

  constructor(
    cls: EntityClass<E>,
    private readonly make: (id: string, d: D) => E,
    private readonly add: (row: E, d: D) => void,
  ) {
    this.book = new Book(cls)
  }

  /** This batch's change to row `id` (created by `init` the first time), to be mutated by the caller. */
  change(id: string, init: () => D): D {
    let d = this.changes.get(id)
    if (!d) this.changes.set(id, (d = init()))
    return d
  }

  async save(ctx: Ctx): Promise<void> {
    if (this.changes.size === 0) return
    for (const id of this.changes.keys()) this.book.want(id)
    await this.book.load(ctx)
    for (const [id, d] of this.changes)
      this.add(
        this.book.getOrCreate(id, () => this.make(id, d)),
        d,
      )
    this.changes.clear()
    await this.book.save(ctx)
  }
}
