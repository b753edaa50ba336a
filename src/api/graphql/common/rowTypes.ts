import type { ClassType } from 'type-graphql'
import type { TableSpec } from '../../sql/tables'

/**
 * The GraphQL object type of each table's rows (registered next to the types, in
 * entities/types.ts). Rows read from a table are given its prototype, so type-graphql takes them as
 * they are: for any other object it builds a new instance of the type and copies the row into it,
 * once for every field resolver it runs on that row.
 */
const ROW_TYPES = new Map<TableSpec, ClassType>()

export function registerRowType(spec: TableSpec, type: ClassType) {
  ROW_TYPES.set(spec, type)
}

export function typeRows<T extends object>(spec: TableSpec, rows: T[]): T[] {
  const type = ROW_TYPES.get(spec)
  if (type) for (const r of rows) Object.setPrototypeOf(r, type.prototype)
  return rows
}
