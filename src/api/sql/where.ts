import type { Params } from './sql'

/**
 * The `where` filter of the entity lists (docs/api.md, "Filtering lists"): AND / OR / NOT over
 * per-field operators, compiled to one SQL condition whose every value is a parameter. Column
 * names come only from the table's fixed map.
 *
 * A list must be served through an index, so a `where` is refused unless the planner can answer it
 * from one: some condition it must hold (at its top level, or on every side of an OR) is an
 * equality, a list or a range on an indexed column. The other conditions then narrow the rows the
 * index found.
 */

/** How a field compares: a text, a number, an exact integer (numeric), a time, a flag, or a reference to an item. */
export type WhereKind = 'string' | 'int' | 'bigint' | 'datetime' | 'boolean' | 'address' | 'bytes32' | 'decimalId'

export interface WhereField {
  /** SQL column, `$.` for the table alias */
  column: string
  kind: WhereKind
  /** a btree index leads with this column (checked against the database by test/e2e/where.test.ts) */
  indexed?: boolean
}

export type WhereSpec = Record<string, WhereField>

export const OPERATORS = {
  _eq: 'equal to',
  _ne: 'not equal to (rows where the field is null do not match)',
  _in: 'one of the list',
  _gt: 'greater than',
  _gte: 'greater than or equal to',
  _lt: 'less than',
  _lte: 'less than or equal to',
  _contains: 'contains the text (case-sensitive)',
  _startsWith: 'starts with the text (case-sensitive)',
  _isNull: 'true: the field is null; false: it is not',
} as const
export type Operator = keyof typeof OPERATORS

const REF_KINDS: ReadonlySet<WhereKind> = new Set(['address', 'bytes32', 'decimalId'])
/** the operators of each kind of field (the GraphQL filter input types declare the same) */
export function operatorsOf(kind: WhereKind): Operator[] {
  if (REF_KINDS.has(kind)) return ['_eq', '_ne', '_in', '_isNull']
  if (kind === 'boolean') return ['_eq', '_ne', '_isNull']
  const order: Operator[] = ['_eq', '_ne', '_in', '_gt', '_gte', '_lt', '_lte', '_isNull']
  return kind === 'string' ? [...order, '_contains', '_startsWith'] : order
}

/** operators an index on the column serves */
const INDEXED_OPS: ReadonlySet<Operator> = new Set(['_eq', '_in', '_gt', '_gte', '_lt', '_lte'])

const CAST: Record<WhereKind, string> = {
  string: 'text',
  int: 'int',
  bigint: 'numeric',
  datetime: 'timestamptz',
  boolean: 'boolean',
  address: 'text',
  bytes32: 'text',
  decimalId: 'text',
}

/** bounds of one `where`, so a request cannot send a condition tree of any size */
export const WHERE_LIMITS = { conditions: 50, depth: 6, listValues: 1000 }

export class WhereError extends Error {
  constructor(
    message: string,
    readonly argument: string,
  ) {
    super(message)
  }
}

export interface WhereInput {
  AND?: WhereInput[] | null
  OR?: WhereInput[] | null
  NOT?: WhereInput | null
  [field: string]: unknown
}

export interface WhereContext {
  /** the chains whose rows the list reads: a reference names an item on each of them */
  chains: number[]
  /** the id an item has on its chain, normalized (lowercase hex, decimal), or a WhereError naming `argument` */
  native: (kind: WhereKind, value: string, argument: string) => string
}

/** SQL of a `where` over alias `t`, its values added to `p`; a WhereError when it is malformed or no index serves it. */
export function compileWhere(spec: WhereSpec, where: WhereInput, p: Params, cx: WhereContext): string {
  let conditions = 0
  const count = (path: string) => {
    if (++conditions > WHERE_LIMITS.conditions)
      throw new WhereError(`where has more than ${WHERE_LIMITS.conditions} conditions`, path)
  }

  const node = (w: WhereInput, path: string, depth: number): { sql: string; indexed: boolean } => {
    if (depth > WHERE_LIMITS.depth) throw new WhereError(`where nests deeper than ${WHERE_LIMITS.depth} levels`, path)
    const parts: { sql: string; indexed: boolean }[] = []
    for (const [key, value] of Object.entries(w)) {
      if (value == null) continue
      if (key === 'AND' || key === 'OR') {
        const list = value as WhereInput[]
        if (!list.length) throw new WhereError(`${path}.${key} must not be empty`, `${path}.${key}`)
        const subs = list.map((x, i) => node(x, `${path}.${key}[${i}]`, depth + 1))
        parts.push({
          sql: `(${subs.map((s) => s.sql).join(key === 'AND' ? ' AND ' : ' OR ')})`,
          indexed: key === 'AND' ? subs.some((s) => s.indexed) : subs.every((s) => s.indexed),
        })
      } else if (key === 'NOT') {
        parts.push({ sql: `NOT ${node(value as WhereInput, `${path}.NOT`, depth + 1).sql}`, indexed: false })
      } else {
        const field = spec[key]
        if (!field) throw new WhereError(`${path}.${key} is not a field that can be filtered`, `${path}.${key}`)
        for (const [op, v] of Object.entries(value as Record<string, unknown>)) {
          if (v == null) continue
          count(`${path}.${key}`)
          parts.push(condition(field, op as Operator, v, `${path}.${key}.${op}`))
        }
      }
    }
    if (!parts.length) return { sql: 'TRUE', indexed: false }
    return {
      sql: parts.length === 1 ? parts[0].sql : `(${parts.map((x) => x.sql).join(' AND ')})`,
      indexed: parts.some((x) => x.indexed),
    }
  }

  const condition = (f: WhereField, op: Operator, v: unknown, argument: string) => {
    if (!operatorsOf(f.kind).includes(op))
      throw new WhereError(`${argument}: ${op} does not apply to this field`, argument)
    const col = f.column.replace(/\$\./g, 't.')
    const indexed = !!f.indexed && INDEXED_OPS.has(op)
    if (op === '_isNull') return { sql: `${col} IS ${v ? '' : 'NOT '}NULL`, indexed: false }
    const ref = REF_KINDS.has(f.kind)
    // a reference is the item's stored id on each chain the list reads: "<chainId>:<id on its chain>"
    const stored = (x: unknown) => cx.chains.map((c) => `${c}:${cx.native(f.kind, String(x), argument)}`)
    const value = (x: unknown) => (f.kind === 'bigint' ? String(x) : x)
    if (op === '_in') {
      const list = v as unknown[]
      if (list.length > WHERE_LIMITS.listValues)
        throw new WhereError(`${argument} has more than ${WHERE_LIMITS.listValues} values`, argument)
      const values = ref ? list.flatMap(stored) : list.map(value)
      return { sql: `${col} = ANY(${p.add(values)}::${CAST[f.kind]}[])`, indexed }
    }
    if (ref) {
      const any = `${col} = ANY(${p.add(stored(v))}::text[])`
      return { sql: op === '_eq' ? any : `NOT (${any})`, indexed }
    }
    const x = `${p.add(value(v))}::${CAST[f.kind]}`
    switch (op) {
      case '_contains':
        return { sql: `strpos(${col}, ${x}) > 0`, indexed }
      case '_startsWith':
        return { sql: `starts_with(${col}, ${x})`, indexed }
      default: {
        const sym = { _eq: '=', _ne: '<>', _gt: '>', _gte: '>=', _lt: '<', _lte: '<=' }[op as string]
        return { sql: `${col} ${sym} ${x}`, indexed }
      }
    }
  }

  const top = node(where, 'where', 0)
  if (top.sql !== 'TRUE' && !top.indexed) {
    const served = Object.entries(spec)
      .filter(([, f]) => f.indexed)
      .map(([k]) => k)
    throw new WhereError(
      `where must hold a condition an index serves (_eq, _in or a range on ${served.join(', ')}), ` +
        'at its top level or on every side of an OR; other conditions can narrow it with AND',
      'where',
    )
  }
  return top.sql
}
