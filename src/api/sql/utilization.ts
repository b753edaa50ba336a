import { type Bucket, rollupTiers, type Window } from './time'
import { GPU_SCOPE_ROWS, type GpuScopeInput, scopeSql } from './scope'
import type { Db } from './pool'
import { inSpans, rollupRowsSql } from './rollups'
import { Params } from './sql'

/**
 * Σ availableSec and Σ rentedSec of the usage records (latest per GPU epoch) whose epochStart lies in
 * the window, per bucket. Whole days and hours come from the rollups (per scope unless the scope
 * names GPUs); only the partial hours at the window's edges read usage records, so the cost follows
 * the window and the number of buckets, not the history or the fleet size.
 */
export interface UsageSums {
  bucketStart: number | null
  availableSec: bigint
  rentedSec: bigint
}

export async function usageSums(db: Db, scope: GpuScopeInput, w: Window, bucket: Bucket | null): Promise<UsageSums[]> {
  // An hourly series cannot read day rows: they would land in their day's first hour.
  const tiers = rollupTiers(w, bucket !== 'HOUR')
  const p = new Params()
  const group = bucket ? `date_trunc(${p.add(bucket.toLowerCase())}, t, 'UTC')` : 'NULL::timestamptz'
  const rollups = rollupRowsSql(scope, tiers, p, 'h.bucket_start AS t, h.available_sec AS a, h.rented_sec AS r')
  const raw =
    tiers.raw.length === 0
      ? null
      : `SELECT u.epoch_start, u.available_sec, u.rented_sec
        FROM usage_record u
        JOIN (${GPU_SCOPE_ROWS}) g ON g.gpu_id = u.gpu_id
       WHERE ${inSpans('u.epoch_start', tiers.raw, p)} AND ${scopeSql(scope, 'g', p)}`
  const parts = [rollups, raw].filter((s) => s != null)
  if (parts.length === 0) return []
  const sql = `
    WITH parts AS (${parts.join('\n      UNION ALL\n      ')})
    SELECT ${group} AS bucket, sum(a)::text AS available, sum(r)::text AS rented
      FROM parts GROUP BY 1 ORDER BY 1`
  const { rows } = await db.query(sql, p.values)
  return rows.map((r: { bucket: Date | null; available: string | null; rented: string | null }) => ({
    bucketStart: r.bucket ? r.bucket.getTime() : null,
    availableSec: BigInt(r.available ?? 0),
    rentedSec: BigInt(r.rented ?? 0),
  }))
}
