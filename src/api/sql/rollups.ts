import { type GpuScopeInput, scopeRowsSql, scopeSql } from './scope'
import type { Span } from './time'
import type { Params } from './sql'

/**
 * The rollup rows covering the day and hour spans of a window, as one SELECT (or null when there
 * are none). A scope that names GPUs, or an answer per GPU (`perGpu`), reads the per-GPU rollups;
 * any other scope (fleet, operator, SKU, region) reads the per-scope rollups, one row per scope
 * and bucket however large the fleet; the whole fleet reads its own row per bucket. `columns` is the
 * select list over the rollup alias `h`.
 */
export function rollupRowsSql(
  scope: GpuScopeInput,
  tiers: { days: Span[]; hours: Span[] },
  p: Params,
  columns: string,
  perGpu = false,
): string | null {
  const perScope = !scope.gpuIds && !perGpu
  const [hourTable, dayTable] = perScope ? ['scope_hour', 'scope_day'] : ['gpu_hour', 'gpu_day']
  const rows = perScope ? scopeRowsSql(scope, 'h', p) : scopeSql(scope, 'h', p)
  const parts: string[] = []
  const read = (table: string, spans: Span[]) => {
    if (spans.length === 0) return
    const within = spans
      .map(([a, b]) => `(h.bucket_start >= ${p.add(new Date(a))} AND h.bucket_start < ${p.add(new Date(b))})`)
      .join(' OR ')
    parts.push(`SELECT ${columns} FROM ${table} h WHERE (${within}) AND ${rows}`)
  }
  read(dayTable, tiers.days)
  read(hourTable, tiers.hours)
  return parts.length ? parts.join('\n      UNION ALL\n      ') : null
}

/** `col` lies in one of the spans (raw rows at a window's edges); FALSE when there are none. */
export function inSpans(col: string, spans: Span[], p: Params): string {
  if (spans.length === 0) return 'FALSE'
  return `(${spans.map(([a, b]) => `(${col} >= ${p.add(new Date(a))} AND ${col} < ${p.add(new Date(b))})`).join(' OR ')})`
}
