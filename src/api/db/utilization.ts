import { type Bucket, rollupCore, type Window } from '../analytics/window'
import { type GpuScopeInput, scopeSql } from '../analytics/scope'
import type { Db } from './pool'

/**
 * Σ availableSec and Σ rentedSec of the usage records (latest per GPU epoch) whose epochStart lies in
 * the window, per bucket. Whole hours come from the gpu_hour rollup; only the partial hours at the
 * window's edges read usage records, so the cost follows the window, not the history.
 */
export interface UsageSums {
  bucketStart: number | null
  availableSec: bigint
  rentedSec: bigint
}

export async function usageSums(db: Db, scope: GpuScopeInput, w: Window, bucket: Bucket | null): Promise<UsageSums[]> {
  const from = w.from.getTime()
  const to = w.to.getTime()
  const { coreFrom: innerFrom, coreTo: innerTo } = rollupCore('HOUR', w)
  const params: unknown[] = []
  const p = (v: unknown) => {
    params.push(v)
    return `$${params.length}`
  }
  const group = bucket ? `date_trunc(${p(bucket.toLowerCase())}, t, 'UTC')` : 'NULL::timestamptz'
  const rollupScope = scopeSql(scope, 'h', params)
  const recordScope = scopeSql(scope, 'g', params)
  const sql = `
    WITH parts AS (
      SELECT h.bucket_start AS t, h.available_sec AS a, h.rented_sec AS r
        FROM gpu_hour h
       WHERE h.bucket_start >= ${p(new Date(innerFrom))} AND h.bucket_start < ${p(new Date(innerTo))} AND ${rollupScope}
      UNION ALL
      SELECT u.epoch_start, u.available_sec, u.rented_sec
        FROM usage_record u
        JOIN (SELECT id AS gpu_id, operator_id AS operator, sku, region FROM gpu) g ON g.gpu_id = u.gpu_id
       WHERE ((u.epoch_start >= ${p(new Date(from))} AND u.epoch_start < ${p(new Date(Math.min(innerFrom, to)))})
          OR (u.epoch_start >= ${p(new Date(innerTo))} AND u.epoch_start < ${p(new Date(to))}))
         AND ${recordScope}
    )
    SELECT ${group} AS bucket, sum(a)::text AS available, sum(r)::text AS rented
      FROM parts GROUP BY 1 ORDER BY 1`
  const { rows } = await db.query(sql, params)
  return rows.map((r: { bucket: Date | null; available: string | null; rented: string | null }) => ({
    bucketStart: r.bucket ? r.bucket.getTime() : null,
    availableSec: BigInt(r.available ?? 0),
    rentedSec: BigInt(r.rented ?? 0),
  }))
}
