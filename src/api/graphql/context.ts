import DataLoader from 'dataloader'
import type { Db } from '../db/pool'
import { rowsBy, type TableSpec } from '../db/tables'

/**
 * Batch loaders, created per request (no cache shared between users): every relation of a page of
 * rows is fetched with one statement per (table, key column), whatever the page size.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<string, any[]>>()
  constructor(private readonly db: Db) {}

  /** Rows of `spec` whose `column` equals each key (children of a parent, or one row by id). */
  by<T = any>(spec: TableSpec, column = 'id'): DataLoader<string, T[]> {
    const key = `${spec.table}.${column}`
    let l = this.loaders.get(key)
    if (!l) {
      l = new DataLoader((keys: readonly string[]) => rowsBy(this.db, spec, column, keys))
      this.loaders.set(key, l)
    }
    return l
  }

  async one<T = any>(spec: TableSpec, id: string | null | undefined): Promise<T | null> {
    if (id == null) return null
    return ((await this.by<T>(spec).load(id))[0] ?? null) as T | null
  }

  many<T = any>(spec: TableSpec, column: string, key: string): Promise<T[]> {
    return this.by<T>(spec, column).load(key)
  }

  /** Rows a list query already read need no second lookup by id. */
  prime(spec: TableSpec, rows: { id: string }[]) {
    const l = this.by(spec)
    for (const r of rows) l.prime(r.id, [r])
  }
}

export interface ApiContext {
  db: Db
  loaders: Loaders
}

export function createContext(db: Db): ApiContext {
  return { db, loaders: new Loaders(db) }
}
