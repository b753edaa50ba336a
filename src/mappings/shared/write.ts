import type { EntityManager } from 'typeorm'
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata'
import { entityManager, isFinalBatch } from '../../sdk/store'
import type { Ctx } from './types'

/**
 * Every write of the handlers goes through here.
 *
 * - Hot (unfinalized) blocks use typeorm-store's upsert/insert. The store records each change in its
 *   change log, and that log is what lets a reorg roll the changes back.
 * - Finalized batches can never be rolled back. They take the bulk path: one
 *   `INSERT … SELECT FROM unnest($1::type[], …)` per table and column signature, with
 *   `ON CONFLICT (id) DO UPDATE` for upserts. That is a handful of array parameters instead of tens of
 *   thousands of scalars, so Postgres parses little and plans once.
 *
 * The bulk path reads the store's private transaction handle and change tracker (src/sdk/store.ts).
 * The reorg and crash tests check both paths against a clean index.
 */
export async function upsertRows<E extends { id: string }>(ctx: Ctx, rows: E[]): Promise<void> {
  if (rows.length === 0) return
  if (!isFinalBatch(ctx.store)) return ctx.store.upsert(rows)
  await bulkWrite(entityManager(ctx.store), rows, true)
}

export async function insertRows<E extends { id: string }>(ctx: Ctx, rows: E[]): Promise<void> {
  if (rows.length === 0) return
  if (!isFinalBatch(ctx.store)) return ctx.store.insert(rows)
  await bulkWrite(entityManager(ctx.store), rows, false)
}

/** Rows per statement: large enough to amortise, small enough to keep memory flat. */
const CHUNK = 20_000

async function bulkWrite(em: EntityManager, rows: { id: string }[], upsert: boolean): Promise<void> {
  // Group by entity class, then, like typeorm-store, by which relation columns are set: a row loaded
  // without its relations must not overwrite them with NULL.
  const groups = new Map<string, { columns: ColumnMetadata[]; table: string; rows: object[] }>()
  for (const row of rows) {
    const meta = em.connection.getMetadata(row.constructor)
    const present = meta.columns.filter((c) => !(c.relationMetadata && c.getEntityValue(row) === undefined))
    const key = `${meta.tableName}|${present.map((c) => c.databaseName).join(',')}`
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { columns: present, table: meta.tablePath, rows: [] }))
    g.rows.push(row)
  }
  const driver = em.connection.driver
  for (const g of groups.values()) {
    const types = g.columns.map((c) => driver.normalizeType(c))
    const names = g.columns.map((c) => `"${c.databaseName}"`)
    const conflict = upsert
      ? ` ON CONFLICT ("id") DO UPDATE SET ${names
          .filter((n) => n !== '"id"')
          .map((n) => `${n} = EXCLUDED.${n}`)
          .join(', ')}`
      : ''
    const sql = `INSERT INTO "${g.table}" (${names.join(', ')}) SELECT * FROM unnest(${types
      .map((t, i) => `$${i + 1}::${arrayType(t)}[]`)
      .join(', ')})${conflict}`
    for (let i = 0; i < g.rows.length; i += CHUNK) {
      const chunk = g.rows.slice(i, i + CHUNK)
      const params = g.columns.map((c) => chunk.map((r) => toParam(c.getEntityValue(r, true))))
      await em.query(sql, params)
    }
  }
}

function arrayType(t: string): string {
  // varchar(n) and friends: the array cast takes the base type
  return t.replace(/\(.*\)$/, '')
}

function toParam(v: unknown): unknown {
  if (v === undefined) return null
  if (typeof v === 'bigint') return v.toString()
  return v
}
