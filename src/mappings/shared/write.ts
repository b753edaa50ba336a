import type { ClientBase } from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { EntityManager, EntityTarget } from 'typeorm'
import { entityManager, isFinalBatch } from '../../sdk/store'
import { chainOfId } from './chain'
import type { Ctx } from './types'

/**
 * Every write of the handlers goes through here.
 *
 * - Hot (unfinalized) blocks use typeorm-store's upsert/insert. The store records each change in its
 *   change log, and that log is what lets a reorg roll the changes back.
 * - Finalized batches can never be rolled back. They take the bulk path (docs/processor.md, "How a batch is processed"):
 *   - new rows go in with one `COPY … FROM STDIN` per table and column signature;
 *   - upserts with one `INSERT … SELECT FROM unnest($1::type[], …) ON CONFLICT (id) DO UPDATE`: a
 *     handful of array parameters instead of tens of thousands of scalars.
 *   Both are built from a per-class plan of the columns (`planOf`), not TypeORM's per-row metadata.
 *
 * The bulk path reads the store's private transaction handle and change tracker (src/sdk/store.ts).
 * The reorg and crash tests check both paths against a clean index.
 */
export async function upsertRows<E extends { id: string }>(ctx: Ctx, rows: E[]): Promise<void> {
  if (rows.length === 0) return
  stampChains(rows)
  if (!isFinalBatch(ctx.store)) return ctx.store.upsert(rows)
  await bulkWrite(entityManager(ctx.store), rows, true)
}

export async function insertRows<E extends { id: string }>(ctx: Ctx, rows: E[]): Promise<void> {
  if (rows.length === 0) return
  stampChains(rows)
  if (!isFinalBatch(ctx.store)) return ctx.store.insert(rows)
  await bulkWrite(entityManager(ctx.store), rows, false)
}

/**
 * A row's chain is the chain its id names (src/mappings/shared/chain.ts): set here, once for every
 * table, so no handler can write a row whose chainId disagrees with its id.
 */
function stampChains(rows: { id: string; chainId?: number }[]): void {
  for (const r of rows) {
    const chainId = chainOfId(r.id)
    if (!Number.isSafeInteger(chainId)) throw new Error(`a ${r.constructor.name} row has no chain in its id "${r.id}"`)
    r.chainId = chainId
  }
}

/** The batch transaction's own connection: COPY needs the driver's client, not TypeORM. */
function clientOf(em: EntityManager): ClientBase {
  const client = (em.queryRunner as unknown as { databaseConnection?: ClientBase }).databaseConnection
  if (!client) throw new Error('the batch transaction has no database connection')
  return client
}

/** Rows per statement: large enough to amortise, small enough to keep memory flat. */
const CHUNK = 20_000

/** How one entity class is written: built once per class, since a batch writes ~10⁵ rows. */
interface Plan {
  table: string
  columns: Column[]
  /** the relation columns, which a loaded row may leave unset */
  relations: Column[]
}
interface Column {
  name: string
  prop: string
  /** the array type of `unnest` */
  arrayType: string
  /** the value as written: a relation's id, otherwise the property (our transformers are toString) */
  value: (row: Record<string, any>) => unknown
  /** a relation column's bit in a row's mask of unset relations; 0 for the others */
  bit: number
}
interface Group {
  plan: Plan
  columns: Column[]
  rows: object[]
}

const plans = new WeakMap<object, Plan>()

function planOf(em: EntityManager, cls: object): Plan {
  let plan = plans.get(cls)
  if (plan) return plan
  const meta = em.connection.getMetadata(cls as EntityTarget<object>)
  const driver = em.connection.driver
  let relationCount = 0
  const columns = meta.columns.map((c): Column => {
    const prop = c.propertyName
    const referencesId = c.relationMetadata && c.referencedColumn?.propertyName === 'id'
    const value: Column['value'] =
      c.embeddedMetadata || (c.relationMetadata && !referencesId)
        ? (r) => c.getEntityValue(r, true)
        : referencesId
          ? (r) => r[prop]?.id
          : (r) => r[prop]
    // varchar(n) and friends: the array cast takes the base type
    const arrayType = driver.normalizeType(c).replace(/\(.*\)$/, '')
    const bit = c.relationMetadata ? 1 << relationCount++ : 0
    return { name: `"${c.databaseName}"`, prop, arrayType, value, bit }
  })
  const relations = columns.filter((c) => c.bit)
  plans.set(cls, (plan = { table: meta.tablePath, columns, relations }))
  return plan
}

async function bulkWrite(em: EntityManager, rows: { id: string }[], upsert: boolean): Promise<void> {
  const client = clientOf(em)
  // Group by entity class, then, like typeorm-store, by which relation columns are set: a row loaded
  // without its relations must not overwrite them with NULL.
  const groups = new Map<object, Map<number, Group>>()
  for (const row of rows) {
    const cls = row.constructor
    const plan = planOf(em, cls)
    let mask = 0
    for (const c of plan.relations) if ((row as Record<string, unknown>)[c.prop] === undefined) mask |= c.bit
    let byMask = groups.get(cls)
    if (!byMask) groups.set(cls, (byMask = new Map()))
    let g = byMask.get(mask)
    if (!g) {
      const columns = plan.columns.filter((c) => !(mask & c.bit))
      byMask.set(mask, (g = { plan, columns, rows: [] }))
    }
    g.rows.push(row)
  }
  for (const byMask of groups.values())
    for (const g of byMask.values())
      for (let i = 0; i < g.rows.length; i += CHUNK) {
        const chunk = g.rows.slice(i, i + CHUNK)
        await (upsert ? unnestUpsert(client, g, chunk) : copyRows(client, g, chunk))
      }
}

function unnestUpsert(client: ClientBase, g: Group, rows: object[]): Promise<unknown> {
  const names = g.columns.map((c) => c.name)
  const sql =
    `INSERT INTO "${g.plan.table}" (${names.join(', ')}) SELECT * FROM unnest(${g.columns
      .map((c, i) => `$${i + 1}::${c.arrayType}[]`)
      .join(', ')})` +
    ` ON CONFLICT ("id") DO UPDATE SET ${names
      .filter((n) => n !== '"id"')
      .map((n) => `${n} = EXCLUDED.${n}`)
      .join(', ')}`
  const params = g.columns.map((c) => arrayLiteral(rows, c.value))
  return client.query(sql, params)
}

function copyRows(client: ClientBase, g: Group, rows: object[]): Promise<void> {
  const cols = g.columns
  // Into a buffer, not one long string: a string appended to ~10⁵ times is a chain of pieces that
  // lives on the heap until sent, and that doubled the processor's peak memory (BENCHMARKS.md).
  const out = new TextBuffer()
  for (const r of rows) {
    for (let i = 0; i < cols.length; i++) {
      if (i) out.write('\t')
      const v = cols[i].value(r)
      out.write(v == null ? '\\N' : copyEscape(textOf(v)))
    }
    out.write('\n')
  }
  const stream = client.query(copyFrom(`COPY "${g.plan.table}" (${cols.map((c) => c.name).join(', ')}) FROM STDIN`))
  return new Promise((resolve, reject) => {
    stream.on('error', reject)
    stream.on('finish', resolve)
    stream.end(out.bytes())
  })
}

/** UTF-8 text appended into one growing buffer. */
class TextBuffer {
  private buf = Buffer.allocUnsafe(1 << 16)
  private length = 0
  write(s: string): void {
    // a UTF-16 unit takes at most 3 bytes in UTF-8
    const room = this.length + s.length * 3
    if (room > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, room))
      this.buf.copy(bigger, 0, 0, this.length)
      this.buf = bigger
    }
    this.length += this.buf.write(s, this.length, 'utf8')
  }
  bytes(): Buffer {
    return this.buf.subarray(0, this.length)
  }
}

/** A column value as Postgres reads it in text form (our schema has scalar columns only). */
function textOf(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v
    case 'bigint':
    case 'number':
      return v.toString()
    case 'boolean':
      return v ? 't' : 'f'
    default:
      if (v instanceof Date) return v.toISOString()
      throw new Error(`no text form for a column value of type ${typeof v}`)
  }
}

/** COPY's text format: backslash escapes for the delimiter, line breaks and the backslash. */
function copyEscape(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : s
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

/** A Postgres array literal of one column's scalars: every element quoted, NULL for null. */
function arrayLiteral<R>(rows: R[], value: (row: R) => unknown): string {
  // joined once, not appended to (see copyRows)
  const parts = new Array<string>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const v = value(rows[i])
    if (v == null) parts[i] = 'NULL'
    else {
      const t = textOf(v)
      parts[i] = /[\\"]/.test(t) ? `"${t.replace(/[\\"]/g, (c) => '\\' + c)}"` : `"${t}"`
    }
  }
  return `{${parts.join(',')}}`
}
