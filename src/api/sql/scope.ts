import type { GpuScopeInput } from '../analytics/scope'
import type { Db } from './pool'

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
    [(scope.gpuIds ?? []).map(String), scope.operator?.toLowerCase() ?? null, scope.sku ?? null, scope.region ?? null],
  )
  const r = rows[0]
  if (r.id != null) return { argument: 'scope.gpuIds', value: `GPU ${r.id}` }
  if (!r.operator) return { argument: 'scope.operator', value: `operator ${scope.operator}` }
  if (!r.sku) return { argument: 'scope.sku', value: `SKU "${scope.sku}"` }
  if (!r.region) return { argument: 'scope.region', value: `region "${scope.region}"` }
  return null
}
