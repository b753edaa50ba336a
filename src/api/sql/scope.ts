import { FLEET } from '../../mappings/gpu/scope'
import type { Db } from './pool'
import type { Params } from './sql'

/**
 * A GPU scope, normalised by the GraphQL layer (operator lower-cased, ids checked): all fields null
 * = the whole fleet.
 */
export interface GpuScopeInput {
  gpuIds?: bigint[] | null
  operator?: string | null
  sku?: string | null
  region?: string | null
}

/** No field set: the whole fleet. */
export function isFleet(scope: GpuScopeInput): boolean {
  return !scope.gpuIds && !scope.operator && !scope.sku && !scope.region
}

/** The scope as a condition on `alias`, a table with gpu_id, operator, sku and region columns (the rollups carry them). */
export function scopeSql(scope: GpuScopeInput, alias: string, p: Params): string {
  const parts: string[] = []
  if (scope.gpuIds) parts.push(`${alias}.gpu_id = ANY(${p.add(scope.gpuIds.map(String))}::text[])`)
  if (scope.operator) parts.push(`${alias}.operator = ${p.add(scope.operator)}`)
  if (scope.sku) parts.push(`${alias}.sku = ${p.add(scope.sku)}`)
  if (scope.region) parts.push(`${alias}.region = ${p.add(scope.region)}`)
  return parts.length ? parts.join(' AND ') : 'TRUE'
}

/**
 * The scope as a condition on per-scope rows (ScopeHour, ScopeDay, ScopeValuation) at `alias`: the
 * whole fleet is its own row (operator `*`), any other scope the rows of real scopes that match.
 */
export function scopeRowsSql(scope: GpuScopeInput, alias: string, p: Params): string {
  return isFleet(scope)
    ? `${alias}.operator = '${FLEET}'`
    : `${alias}.operator <> '${FLEET}' AND ${scopeSql(scope, alias, p)}`
}

/**
 * The first value of a scope that no indexed GPU has (an id, operator, SKU or region), with the
 * argument it came from; null when every value is known. One statement, only for scopes that name
 * something: a typo must not read as an idle fleet.
 */
export async function unknownScopeValue(
  db: Db,
  scope: GpuScopeInput,
): Promise<{ argument: string; value: string } | null> {
  if (!scope.gpuIds?.length && !scope.operator && !scope.sku && !scope.region) return null
  const { rows } = await db.query(
    `SELECT (SELECT min(x) FROM unnest($1::text[]) x WHERE NOT EXISTS (SELECT 1 FROM gpu g WHERE g.id = x)) AS id,
            ($2::text IS NULL OR EXISTS (SELECT 1 FROM gpu g WHERE g.operator_id = $2)) AS operator,
            ($3::text IS NULL OR EXISTS (SELECT 1 FROM gpu g WHERE g.sku = $3)) AS sku,
            ($4::text IS NULL OR EXISTS (SELECT 1 FROM gpu g WHERE g.region = $4)) AS region`,
    [(scope.gpuIds ?? []).map(String), scope.operator ?? null, scope.sku ?? null, scope.region ?? null],
  )
  const r = rows[0]
  if (r.id != null) return { argument: 'scope.gpuIds', value: `GPU ${r.id}` }
  if (!r.operator) return { argument: 'scope.operator', value: `operator ${scope.operator}` }
  if (!r.sku) return { argument: 'scope.sku', value: `SKU "${scope.sku}"` }
  if (!r.region) return { argument: 'scope.region', value: `region "${scope.region}"` }
  return null
}
