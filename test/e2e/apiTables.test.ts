import { applyMigrations } from '../../src/postgres/migrate'
import * as specs from '../../src/api/sql/specs'
import type { TableSpec } from '../../src/api/sql/tables'
import { freshDatabase, query } from '../helpers/db'

/**
 * The API reads the tables with SQL of its own (src/api/sql/specs.ts), next to the ORM entities the
 * processor writes (schema.graphql). A rename on one side must not go unnoticed: every column the
 * API names exists in the tables the migrations create, and every amount (numeric) reaches the
 * client as exact text.
 */
let columns: Map<string, Map<string, string>>
beforeAll(async () => {
  const db = await freshDatabase('api_tables')
  await applyMigrations(db)
  const rows = await query<{ table_name: string; column_name: string; data_type: string }>(
    db,
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'`,
  )
  columns = new Map()
  for (const r of rows) {
    const t = columns.get(r.table_name) ?? new Map<string, string>()
    t.set(r.column_name, r.data_type)
    columns.set(r.table_name, t)
  }
})

const tables = Object.entries(specs).filter(
  (e): e is [string, TableSpec] => typeof (e[1] as TableSpec).table === 'string',
)

/** `$.col` and `$."col"` references of an SQL expression */
const referenced = (expr: string) =>
  [...expr.matchAll(/\$\.(?:"([a-z_][a-z0-9_]*)"|([a-z_][a-z0-9_]*))/g)].map((m) => m[1] ?? m[2])

/** numeric columns served as a Float: dimensionless-like rates, never an amount (docs/api.md) */
const RATES = new Set(['pricePerShare'])

it('covers every spec', () => {
  expect(tables.length).toBeGreaterThan(15)
})

it.each(tables)('%s names only columns of its table', (_name, spec) => {
  const have = columns.get(spec.table)
  expect([spec.table, have != null]).toEqual([spec.table, true])
  const exprs = [...Object.values(spec.columns), ...Object.values(spec.orders), ...Object.values(spec.filters)]
  const missing = exprs.flatMap(referenced).filter((c) => !have!.has(c))
  expect(missing).toEqual([])
  expect(Object.keys(spec.orders)).toContain(spec.defaultOrder)
})

it.each(tables)('%s serves every amount as exact text', (_name, spec) => {
  const have = columns.get(spec.table)!
  const inexact = Object.entries(spec.columns)
    .filter(([field, expr]) => {
      const [col] = referenced(expr)
      if (have.get(col) !== 'numeric') return false
      return RATES.has(field) ? !/::float8$/.test(expr) : !/::text$/.test(expr)
    })
    .map(([field]) => field)
  expect(inexact).toEqual([])
})
