import { type Bucket, rollupCore, type Window } from './time'
import type { Db } from './pool'
import { Params, big } from './sql'

export interface TokenInfo {
  id: string
  modelId: string | null
  revenueAsset: string
  offeringStatus: string | null
  offeringPrice: bigint | null
}

export async function tokenInfo(db: Db, token: string): Promise<TokenInfo | null> {
  const { rows } = await db.query(
    `SELECT t.id, t.model_id::text AS "modelId", t.revenue_asset AS "revenueAsset", o.status, o.price::text AS price
       FROM model_token t LEFT JOIN offering o ON o.token_id = t.id WHERE t.id = $1`,
    [token],
  )
  const r = rows[0]
  if (!r) return null
  return {
    id: r.id,
    modelId: r.modelId,
    revenueAsset: r.revenueAsset,
    offeringStatus: r.status,
    offeringPrice: r.price == null ? null : big(r.price),
  }
}

/** The model tokens of a model id, one per chain where it has one: the chain and the revenue asset. */
export async function modelTokensOf(db: Db, modelId: bigint): Promise<{ chainId: number; revenueAsset: string }[]> {
  const { rows } = await db.query(
    `SELECT chain_id AS "chainId", revenue_asset AS "revenueAsset" FROM model_token WHERE model_id = $1 ORDER BY 1`,
    [modelId.toString()],
  )
  return rows
}

/** Σ floor(claimable·10^18 / totalSupply) over the snapshots whose block time lies in the window. */
export async function revenuePerToken(
  db: Db,
  token: string,
  w: Window,
): Promise<{ perToken: bigint; snapshots: number }> {
  const { rows } = await db.query(
    `SELECT coalesce(sum(div(claimable * 1000000000000000000, total_supply)), 0)::text AS per_token, count(*)::int AS n
       FROM revenue_snapshot
      WHERE token_id = $1 AND block_time >= $2 AND block_time < $3 AND total_supply > 0`,
    [token, w.from, w.to],
  )
  return { perToken: big(rows[0].per_token), snapshots: rows[0].n }
}

export interface HolderRevenueRow {
  balance: bigint
  entitled: bigint
  claimed: bigint
  unclaimed: bigint
  expired: bigint
}

/**
 * A holder's balance and revenue now, or as of a block of the token's chain (docs/api.md, "As of a
 * block"): snapshots and claims up to it; an entitlement claimed or expired after it is unclaimed.
 * An entitlement found expired before the index kept that block counts as expired at every block.
 */
export async function holderRevenue(
  db: Db,
  token: string,
  holder: string,
  asOfBlock: number | null = null,
): Promise<HolderRevenueRow> {
  const now = asOfBlock == null
  const ents = now
    ? `FROM entitlement e WHERE e.token_id = $1 AND e.holder_id = $2`
    : `FROM entitlement e JOIN revenue_snapshot s ON s.id = e.snapshot_id
        WHERE e.token_id = $1 AND e.holder_id = $2 AND s.block_number <= $3`
  const expired = now ? `e.expired` : `(e.expired AND coalesce(e.expired_block, 0) <= $3)`
  const claimed = now
    ? `e.claimed`
    : `EXISTS (SELECT 1 FROM revenue_claim c
                WHERE c.snapshot_id = e.snapshot_id AND c.holder_id = e.holder_id AND c.block_number <= $3)`
  const { rows } = await db.query(
    `SELECT ${
      now
        ? `(SELECT balance::text FROM holder WHERE token_id = $1 AND account_id = $2)`
        : `(SELECT b.balance_after::text FROM holder_balance_change b
             WHERE b.holder_id = (SELECT id FROM holder WHERE token_id = $1 AND account_id = $2) AND b.block_number <= $3
             ORDER BY b.block_number DESC, b.log_index DESC, b.id DESC LIMIT 1)`
    } AS balance,
            (SELECT sum(e.amount)::text ${ents}) AS entitled,
            (SELECT sum(e.amount)::text ${ents} AND NOT ${claimed} AND NOT ${expired}) AS unclaimed,
            (SELECT sum(e.amount)::text ${ents} AND ${expired}) AS expired,
            (SELECT sum(amount)::text FROM revenue_claim WHERE token_id = $1 AND holder_id = $2
                ${now ? '' : 'AND block_number <= $3'}) AS claimed`,
    now ? [token, holder] : [token, holder, asOfBlock],
  )
  const r = rows[0]
  return {
    balance: big(r.balance),
    entitled: big(r.entitled),
    claimed: big(r.claimed),
    unclaimed: big(r.unclaimed),
    expired: big(r.expired),
  }
}

export interface UsageTotals {
  requests: number
  fees: bigint
  fulfilled: number
  callers: number
  medianLatencySec: number | null
}

export interface UsageBucket {
  bucketStart: number
  requests: number
  fees: bigint
  fulfilled: number
  callers: number
  medianLatencySec: number | null
}

/** Over rows (v, below = requests up to v, total) of a histogram: the mean of its two middle values. */
const MIDDLE = `(min(v) FILTER (WHERE below >= (total + 1) / 2) + min(v) FILTER (WHERE below >= total / 2 + 1)) / 2.0`

/**
 * Inference usage of a model over a window: whole UTC days from the model_day, model_caller_day
 * and model_latency_day rollups, partial days (and HOUR series) from inference_request. The median
 * latency is exact: the latency histogram keeps every value with its count.
 */
export async function modelUsage(
  db: Db,
  chainId: number,
  modelId: bigint,
  w: Window,
  bucket: Bucket | null,
): Promise<{ totals: UsageTotals; buckets: UsageBucket[] }> {
  // HOUR points cannot come from a daily rollup: the whole window is then an "edge".
  const { coreFrom, coreTo } =
    bucket === 'HOUR' ? { coreFrom: w.to.getTime(), coreTo: w.to.getTime() } : rollupCore('DAY', w)
  const p = new Params()
  // the model on its chain: a condition on rows with model_id and chain_id
  const m = `${p.add(modelId.toString())} AND chain_id = ${p.add(chainId)}`
  const from = p.add(w.from)
  const to = p.add(w.to)
  const cf = p.add(new Date(coreFrom))
  const ct = p.add(new Date(coreTo))
  const edge = (col: string) => `((${col} >= ${from} AND ${col} < ${cf}) OR (${col} >= ${ct} AND ${col} < ${to}))`
  const group = bucket ? `date_trunc(${p.add(bucket.toLowerCase())}, t, 'UTC')` : 'NULL::timestamptz'
  const sql = `
    WITH parts AS (
      SELECT bucket_start AS t, requests AS n, fees, fulfilled AS f FROM model_day
       WHERE model_id = ${m} AND bucket_start >= ${cf} AND bucket_start < ${ct}
      UNION ALL
      SELECT block_time, 1, fee, CASE WHEN fulfilled THEN 1 ELSE 0 END FROM inference_request
       WHERE model_id = ${m} AND ${edge('block_time')}
    ),
    callers AS (
      SELECT bucket_start AS t, caller FROM model_caller_day WHERE model_id = ${m} AND bucket_start >= ${cf} AND bucket_start < ${ct}
      UNION ALL
      SELECT block_time, split_part(caller_id, ':', 2) FROM inference_request WHERE model_id = ${m} AND ${edge('block_time')}
    ),
    latency AS (
      SELECT bucket_start AS t, latency_sec AS v, requests AS n FROM model_latency_day
       WHERE model_id = ${m} AND bucket_start >= ${cf} AND bucket_start < ${ct}
      UNION ALL
      SELECT block_time, latency_sec, 1 FROM inference_request WHERE model_id = ${m} AND ${edge('block_time')} AND fulfilled
    ),
    -- the median of a histogram, as percentile_cont(0.5): the mean of its two middle values
    latency_bucket AS (
      SELECT ${group} AS bucket, v, sum(n) AS n FROM latency GROUP BY 1, 2
    ),
    latency_rank AS (
      SELECT bucket, v, sum(n) OVER (PARTITION BY bucket ORDER BY v) AS below, sum(n) OVER (PARTITION BY bucket) AS total
        FROM latency_bucket
    ),
    latency_all AS (
      SELECT v, sum(n) OVER (ORDER BY v) AS below, sum(n) OVER () AS total
        FROM (SELECT v, sum(n) AS n FROM latency GROUP BY v) x
    ),
    series AS (
      SELECT ${group} AS bucket, sum(n)::int AS n, sum(fees)::text AS fees, sum(f)::int AS f FROM parts GROUP BY 1
    ),
    bucket_callers AS (SELECT ${group} AS bucket, count(DISTINCT caller)::int AS c FROM callers GROUP BY 1),
    bucket_median AS (
      SELECT bucket, ${MIDDLE} AS median FROM latency_rank GROUP BY bucket
    )
    SELECT s.bucket, s.n, s.fees, s.f, coalesce(bc.c, 0) AS bucket_callers, bm.median AS bucket_median,
           (SELECT count(DISTINCT caller)::int FROM callers) AS callers,
           (SELECT ${MIDDLE} FROM latency_all) AS median
      FROM series s
      LEFT JOIN bucket_callers bc ON bc.bucket IS NOT DISTINCT FROM s.bucket
      LEFT JOIN bucket_median bm ON bm.bucket IS NOT DISTINCT FROM s.bucket
     ORDER BY s.bucket`
  const { rows } = await db.query(sql, p.values)
  const buckets = rows
    .filter((r: { bucket: Date | null }) => r.bucket != null)
    .map(
      (r: {
        bucket: Date
        n: number
        fees: string
        f: number
        bucket_callers: number
        bucket_median: number | null
      }) => ({
        bucketStart: r.bucket.getTime(),
        requests: r.n,
        fees: big(r.fees),
        fulfilled: r.f,
        callers: r.bucket_callers,
        medianLatencySec: r.bucket_median == null ? null : Number(r.bucket_median),
      }),
    )
  const totals: UsageTotals = {
    requests: rows.reduce((a: number, r: { n: number | null }) => a + (r.n ?? 0), 0),
    fees: rows.reduce((a: bigint, r: { fees: string | null }) => a + big(r.fees), 0n),
    fulfilled: rows.reduce((a: number, r: { f: number | null }) => a + (r.f ?? 0), 0),
    callers: rows[0]?.callers ?? 0,
    medianLatencySec: rows[0]?.median == null ? null : Number(rows[0].median),
  }
  return { totals, buckets }
}
