import type { Db } from './pool'
import { Params } from './sql'
import type { WhereSpec } from './where'

/**
 * A table as the API serves it: the SELECT list (SQL expression per GraphQL field), the orderings a
 * list may use, and the filters. Everything a client sends reaches SQL as a parameter; column names
 * come only from these fixed maps.
 */
export interface TableSpec {
  table: string
  columns: Record<string, string>
  /** enum value → SQL expression (non-null, so keyset paging works) */
  orders: Record<string, string>
  defaultOrder: string
  /** filter field → SQL condition with one `?` for the value */
  filters: Record<string, string>
  /** the fields of its list's `where` (sql/where.ts) */
  where?: WhereSpec
}

export interface PageArgs {
  first: number
  after: string | null
  orderBy: string
  direction: 'ASC' | 'DESC'
  filter: Record<string, unknown>
  /** read only these columns (columnsFor); all when absent */
  columns?: ReadonlySet<string> | null
  /** a further condition over alias `t` (a compiled `where`), adding its values to the statement's */
  where?: ((p: Params) => string) | null
}

export interface Page<T> {
  rows: (T & { __cursor: string })[]
  hasNextPage: boolean
  /** one count statement, run only when the client asks for totalCount */
  totalCount: () => Promise<number>
}

export class BadCursor extends Error {}

const EVIDENCE = ['txHash', 'blockNumber', 'blockTime', 'logIndex'] as const

/** The SELECT list of a spec's columns, or of `only` those (the fields a request reads). */
export function selectList(spec: TableSpec, alias = 't', only?: ReadonlySet<string>): string {
  return Object.entries(spec.columns)
    .filter(([field]) => !only || only.has(field))
    .map(([field, expr]) => `${expr.replace(/\$\./g, `${alias}.`)} AS "${field}"`)
    .join(', ')
}

/**
 * The columns a selection of fields needs, when each field is a column, a relation read through
 * its `<field>Id` column, or the evidence; null when some field needs more (a resolver of its own),
 * so the row must be whole.
 */
export function columnsFor(spec: TableSpec, fields: Iterable<string>): Set<string> | null {
  const out = new Set(['id'])
  for (const f of fields) {
    if (f === '__typename') continue
    if (f === 'evidence' && EVIDENCE.every((k) => k in spec.columns)) EVIDENCE.forEach((k) => out.add(k))
    else if (f in spec.columns) out.add(f)
    else if (`${f}Id` in spec.columns) out.add(`${f}Id`)
    else return null
  }
  return out
}

/** Rows with the four log columns get an `evidence` object, as the GraphQL Evidence type wants. */
export function withEvidence<T extends Record<string, any>>(row: T): T {
  if (EVIDENCE.every((k) => k in row)) {
    ;(row as any).evidence = {
      txHash: row.txHash,
      blockNumber: row.blockNumber,
      blockTime: row.blockTime,
      logIndex: row.logIndex,
    }
  }
  return row
}

function where(spec: TableSpec, filter: Record<string, unknown>, p: Params): string {
  const parts: string[] = []
  for (const [k, v] of Object.entries(filter)) {
    if (v == null) continue
    const cond = spec.filters[k]
    if (!cond) continue
    parts.push(cond.replace(/\$\./g, 't.').replace('?', p.add(v)))
  }
  return parts.length ? parts.join(' AND ') : 'TRUE'
}

/**
 * Rows with equal order values come in id order, shorter ids first: decimal ids (GPUs,
 * contributions) then sort as numbers (2, 6, 10, 14, not 10, 14, 2, 6), and fixed-width hex ids
 * as before. Keyset paging compares the same triple.
 */
const TIE_ORDER = 'length(t.id) ASC, t.id ASC'

function encodeCursor(order: string, id: string): string {
  return Buffer.from(JSON.stringify([order, id])).toString('base64url')
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]]
  } catch {
    // fall through
  }
  throw new BadCursor('after is not a cursor this API returned')
}

/** One page by keyset (order value, id): the cost follows the page size, not the table size. */
export async function page<T>(db: Db, spec: TableSpec, args: PageArgs): Promise<Page<T>> {
  const order = spec.orders[args.orderBy]
  const p = new Params()
  const fixed = where(spec, args.filter, p)
  const filter = args.where ? `${fixed} AND ${args.where(p)}` : fixed
  const countValues = [...p.values]
  let keyset = 'TRUE'
  if (args.after) {
    const [o, id] = decodeCursor(args.after)
    const cmp = args.direction === 'ASC' ? '>' : '<'
    keyset = `(${order.replace(/\$\./g, 't.')}, length(t.id), t.id) ${cmp} (${p.add(o)}, ${p.add(id.length)}, ${p.add(id)})`
  }
  const dir = args.direction
  const sql = `SELECT ${selectList(spec, 't', args.columns ?? undefined)}, (${order.replace(/\$\./g, 't.')})::text AS "__order"
      FROM ${spec.table} t WHERE ${filter} AND ${keyset}
     ORDER BY ${order.replace(/\$\./g, 't.')} ${dir}, ${TIE_ORDER.replace(/ASC/g, dir)} LIMIT ${p.add(args.first + 1)}`
  const { rows } = await db.query(sql, p.values)
  const more = rows.length > args.first
  // rest/spread instead of `delete`: deleting a key leaves a slow dictionary-mode object
  const out = rows
    .slice(0, args.first)
    .map(({ __order, ...r }: any) => withEvidence({ ...r, __cursor: encodeCursor(__order, r.id) }))
  return {
    rows: out,
    hasNextPage: more,
    totalCount: async () => {
      const { rows: c } = await db.query(`SELECT count(*)::int AS n FROM ${spec.table} t WHERE ${filter}`, countValues)
      return c[0].n
    },
  }
}

/** Rows by a key column (the id, or a foreign key for children), in the order of the keys. */
export async function rowsBy<T>(
  db: Db,
  spec: TableSpec,
  column: string,
  keys: readonly string[],
  orderBy?: string,
): Promise<T[][]> {
  const order = orderBy ?? spec.orders[spec.defaultOrder]
  const { rows } = await db.query(
    `SELECT ${selectList(spec)}, t.${column}::text AS "__key" FROM ${spec.table} t
      WHERE t.${column} = ANY($1) ORDER BY ${order.replace(/\$\./g, 't.')}, ${TIE_ORDER}`,
    [keys],
  )
  const by = new Map<string, T[]>()
  for (const { __key, ...r } of rows) {
    let list = by.get(__key)
    if (!list) by.set(__key, (list = []))
    list.push(withEvidence(r) as T)
  }
  return keys.map((k) => by.get(k) ?? [])
}
