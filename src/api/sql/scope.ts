import { FLEET } from '../../mappings/gpu/scope'
import type { Db } from './pool'
import { Params } from './sql'

/**
 * A GPU scope, normalised by the GraphQL layer (operator lower-cased, ids checked): all fields null
 * = the whole fleet of every chain. A scope is a set: `gpuIds` are stored ids (`<chainId>:<gpuId>`),
 * the GraphQL layer's gpuIds on each chain of the scope; `chainIds` narrows everything to those
 * chains.
 */
export interface GpuScopeInput {
  gpuIds?: string[] | null
  operator?: string | null
  sku?: string | null
  region?: string | null
  chainIds?: number[] | null
}

/** No field set but chains: the whole fleet (of those chains). */
export function isFleet(scope: GpuScopeInput): boolean {
  return !scope.gpuIds && !scope.operator && !scope.sku && !scope.region
}

/**
 * The GPUs as scope rows: their stored id, chain, operator address, SKU and region, the columns the
 * rollups carry too, so one scope condition (scopeSql) serves both.
 */
export const GPU_SCOPE_ROWS = `SELECT id AS gpu_id, chain_id, split_part(operator_id, ':', 2) AS operator, sku, region,
         registered_at, valuation_asset FROM gpu`

/** The scope as a condition on `alias`, a table with gpu_id, chain_id, operator, sku and region columns (the rollups carry them). */
export function scopeSql(scope: GpuScopeInput, alias: string, p: Params): string {
  const parts: string[] = []
  if (scope.chainIds) parts.push(`${alias}.chain_id = ANY(${p.add(scope.chainIds)}::int[])`)
  if (scope.gpuIds) parts.push(`${alias}.gpu_id = ANY(${p.add(scope.gpuIds)}::text[])`)
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
  if (!isFleet(scope)) return `${alias}.operator <> '${FLEET}' AND ${scopeSql(scope, alias, p)}`
  const chains = scope.chainIds ? ` AND ${alias}.chain_id = ANY(${p.add(scope.chainIds)}::int[])` : ''
  return `${alias}.operator = '${FLEET}'${chains}`
}

/**
 * The first value of a scope that no indexed GPU of its chains has (an operator, SKU or region),
 * with the argument it came from; null when every value is known. One statement, only for scopes
 * that name something: a typo must not read as an idle fleet. (Named GPUs are checked where their
 * ids are resolved, src/api/graphql/gpuAnalytics.ts.)
 */
export async function unknownScopeValue(
  db: Db,
  scope: GpuScopeInput,
): Promise<{ argument: string; value: string } | null> {
  if (!scope.operator && !scope.sku && !scope.region) return null
  const p = new Params()
  const chains = scope.chainIds ? `g.chain_id = ANY(${p.add(scope.chainIds)}::int[])` : 'TRUE'
  const known = (column: string, value: string | null | undefined) =>
    value == null
      ? 'TRUE'
      : `EXISTS (SELECT 1 FROM (${GPU_SCOPE_ROWS}) g WHERE ${chains} AND g.${column} = ${p.add(value)})`
  const { rows } = await db.query(
    `SELECT ${known('operator', scope.operator)} AS operator, ${known('sku', scope.sku)} AS sku,
            ${known('region', scope.region)} AS region`,
    p.values,
  )
  const r = rows[0]
  if (!r.operator) return { argument: 'scope.operator', value: `operator ${scope.operator}` }
  if (!r.sku) return { argument: 'scope.sku', value: `SKU "${scope.sku}"` }
  if (!r.region) return { argument: 'scope.region', value: `region "${scope.region}"` }
  return null
}
