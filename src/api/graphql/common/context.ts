import DataLoader from 'dataloader'
import { limited, type Db } from '../../sql/pool'
import { ASSET } from '../../sql/specs'
import { idOn } from '../../../mappings/shared/chain'
import { indexedChains } from '../../sql/status'
import { rowsBy, type TableSpec } from '../../sql/tables'
import { typeRows } from './rowTypes'
import type { Truncation } from './text'
import type { IndexWatcher } from '../../sql/watch'

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
      l = new DataLoader(async (keys: readonly string[]) => {
        const lists = await rowsBy<object>(this.db, spec, column, keys)
        for (const list of lists) typeRows(spec, list)
        return lists
      })
      this.loaders.set(key, l)
    }
    return l
  }

  async one<T = any>(spec: TableSpec, id: string | null | undefined): Promise<T | null> {
    if (id == null) return null
    return ((await this.by<T>(spec).load(id))[0] ?? null) as T | null
  }

  /** An asset's metadata (symbol, decimals) on a chain, for every `…Info` field: one statement per request. */
  asset(chainId: number, address: string | null | undefined): Promise<AssetRow | null> {
    return address == null ? Promise.resolve(null) : this.one<AssetRow>(ASSET, idOn(chainId, address))
  }

  many<T = any>(spec: TableSpec, column: string, key: string): Promise<T[]> {
    return this.by<T>(spec, column).load(key)
  }

  /** A loader of its own kind (not a plain table lookup), batched per request like the others. */
  custom<V>(name: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    const key = `custom:${name}`
    let l = this.loaders.get(key) as DataLoader<string, V> | undefined
    if (!l) {
      l = new DataLoader(batch)
      this.loaders.set(key, l as unknown as DataLoader<string, any[]>)
    }
    return l
  }

  /** Rows a list query already read need no second lookup by id. */
  prime(spec: TableSpec, rows: { id: string }[]) {
    const l = this.by(spec)
    for (const r of rows) l.prime(r.id, [r])
  }
}

export interface AssetRow {
  chainId: number
  address: string
  symbol: string | null
  name: string | null
  decimals: number | null
}

export interface ApiContext {
  db: Db
  loaders: Loaders
  /** the chains the index holds data of, by chain id: read once per request (graphql/common/chains.ts) */
  chains: () => Promise<number[]>
  /** text fields this request served cut (graphql/text.ts), reported in the response's extensions */
  truncated: Truncation[]
  /** over WebSocket: the index watcher that subscriptions follow (api/live) */
  live?: IndexWatcher
}

/** statements one request may run at once (of the pool's 10): see `limited` */
const STATEMENTS_PER_REQUEST = 3

/**
 * The chains of the index change when a processor of a new chain writes its first batch, rarely: read
 * at most once a second per pool, not once per request (a request naming an id without its chain
 * needs them; it cost a statement per request).
 */
const CHAINS_TTL_MS = 1000
const chainLists = new WeakMap<object, { at: number; value: Promise<number[]> }>()

function chainsOf(pool: Db, db: Db): Promise<number[]> {
  const hit = chainLists.get(pool)
  if (hit && Date.now() - hit.at < CHAINS_TTL_MS) return hit.value
  const value = indexedChains(db)
  chainLists.set(pool, { at: Date.now(), value })
  // a failed read is not kept
  value.catch(() => chainLists.delete(pool))
  return value
}

export function createContext(pool: Db): ApiContext {
  const db = limited(pool, STATEMENTS_PER_REQUEST)
  return {
    db,
    loaders: new Loaders(db),
    truncated: [],
    chains: () => chainsOf(pool, db),
  }
}
