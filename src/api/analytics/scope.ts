/**
 * A GPU scope as a parameterised SQL condition. `alias` is a table with gpu_id, operator, sku and
 * region columns (the rollups carry them). All fields null = the whole fleet.
 */
export interface GpuScopeInput {
  gpuIds?: bigint[] | null
  operator?: string | null
  sku?: string | null
  region?: string | null
}

export function scopeSql(scope: GpuScopeInput, alias: string, params: unknown[]): string {
  const parts: string[] = []
  const add = (sql: string, value: unknown) => {
    params.push(value)
    parts.push(sql.replace('?', `$${params.length}`))
  }
  if (scope.gpuIds) add(`${alias}.gpu_id = ANY(?::text[])`, scope.gpuIds.map(String))
  if (scope.operator) add(`${alias}.operator = ?`, scope.operator.toLowerCase())
  if (scope.sku) add(`${alias}.sku = ?`, scope.sku)
  if (scope.region) add(`${alias}.region = ?`, scope.region)
  return parts.length ? parts.join(' AND ') : 'TRUE'
}
