import { GPU_SCOPE_ROWS, type GpuScopeInput, scopeRowsSql, scopeSql } from './scope'
import { rollupTiers, type Window } from './time'
import type { Db } from './pool'
import { inSpans, rollupRowsSql } from './rollups'
import { Params, big } from './sql'

/** What the GPU-yield formulas need, summed over the GPUs of a scope (docs/metrics.md, "GPU yield"). */
export interface GpuYieldSums {
  /** distinct valuation assets of the GPUs active in the window, each as `<chainId>:<address>` */
  assets: string[]
  gross: bigint
  operatorFee: bigint
  protocolFee: bigint
  net: bigint
  /** Σ_g ∫ valuation_g dt over W_g, in asset units × seconds (a rate's denominator, so a float is enough) */
  valuationSeconds: number
  /** Σ_g avgValuation_g: each GPU's time-weighted mean valuation over its own active window */
  avgValuationSum: number | null
  /** GPUs with a non-empty active window */
  activeGpus: number
}

/**
 * Revenue by distribution block time: whole days and hours from the rollups (per scope unless the
 * scope names GPUs), the partial hours at the edges from revenue_distribution. Valuation: the piecewise-constant valuation history of each GPU
 * in scope, integrated over [max(from, registeredAt), to).
 */
export async function gpuYieldSums(db: Db, scope: GpuScopeInput, w: Window): Promise<GpuYieldSums> {
  const tiers = rollupTiers(w, true)
  const p = new Params()
  const from = p.add(w.from)
  const to = p.add(w.to)
  const rollups = rollupRowsSql(scope, tiers, p, 'h.gross, h.operator_fee, h.protocol_fee, h.net')
  // Named GPUs integrate their own valuation histories; any other scope its valuation steps, plus
  // the histories of the GPUs registered inside the window (their mean is over their own window).
  const gpuScope = scopeSql(scope, 'g', p)
  const valuation = scope.gpuIds
    ? `(SELECT array_agg(DISTINCT chain_id || ':' || valuation_asset ORDER BY chain_id || ':' || valuation_asset) FROM active) AS assets,
           (SELECT sum(integral)::text FROM per_gpu) AS integral,
           (SELECT sum(integral / active_sec)::float8 FROM per_gpu WHERE active_sec > 0) AS avg_sum,
           (SELECT count(*)::int FROM per_gpu WHERE active_sec > 0) AS active_gpus`
    : `(SELECT array_agg(asset ORDER BY asset) FROM steps_total) AS assets,
           (SELECT sum(integral)::text FROM steps_total) AS integral,
           ((SELECT sum(integral) FROM steps_total) - (SELECT coalesce(sum(integral), 0) FROM per_gpu))::float8
             / extract(epoch FROM ${to}::timestamptz - ${from}::timestamptz)::float8
             + (SELECT coalesce(sum(integral / active_sec), 0)::float8 FROM per_gpu WHERE active_sec > 0) AS avg_sum,
           (SELECT sum(gpus)::int FROM steps_total) AS active_gpus`
  const steps = scope.gpuIds ? '' : `${valuationStepsCtes(scope, p, from, to)},`
  const sql = `
    WITH RECURSIVE ${steps} ${valuationCtes(gpuScope, from, to, !scope.gpuIds)},
    revenue AS (
      ${
        rollups
          ? `${rollups}
      UNION ALL`
          : ''
      }
      SELECT r.gross, r.operator_fee, r.protocol_fee, r.net FROM revenue_distribution r
        JOIN (${GPU_SCOPE_ROWS}) s ON s.gpu_id = r.gpu_id
       WHERE ${inSpans('r.block_time', tiers.raw, p)} AND ${scopeSql(scope, 's', p)}
    )
    SELECT ${valuation},
           sum(gross)::text AS gross, sum(operator_fee)::text AS operator_fee,
           sum(protocol_fee)::text AS protocol_fee, sum(net)::text AS net
      FROM revenue`
  const { rows } = await db.query(sql, p.values)
  const r = rows[0]
  return {
    assets: r.assets ?? [],
    gross: big(r.gross),
    operatorFee: big(r.operator_fee),
    protocolFee: big(r.protocol_fee),
    net: big(r.net),
    valuationSeconds: r.integral == null ? 0 : Number(r.integral),
    avgValuationSum: r.active_gpus > 0 ? Number(r.avg_sum) : null,
    activeGpus: r.active_gpus,
  }
}

/**
 * CTEs over the valuation steps of a scope (ScopeValuation; the fleet's own steps when the scope is
 * the fleet): `keys`, each (operator, SKU, region, asset) of the scope, found by skipping along the
 * index; `step_points` and `step_spans`, each key's value at `from` and its steps in [from, to), each lasting until the
 * next; `steps_total`, per asset, ∫ valuation dt over the window and the GPUs registered by `to`.
 * Reads one row per key and step in the window, however many GPUs and steps before it.
 */
function valuationStepsCtes(scope: GpuScopeInput, p: Params, from: string, to: string): string {
  const cond = scopeRowsSql(scope, 's', p)
  const cols = 's.chain_id, s.operator, s.sku, s.region, s.valuation_asset'
  const sameKey =
    's.chain_id = k.chain_id AND s.operator = k.operator AND s.sku = k.sku AND s.region = k.region AND s.valuation_asset = k.valuation_asset'
  return `keys AS (
      (SELECT ${cols} FROM scope_valuation s WHERE ${cond} ORDER BY ${cols} LIMIT 1)
      UNION ALL
      SELECT n.* FROM keys k CROSS JOIN LATERAL (
        SELECT ${cols} FROM scope_valuation s
         WHERE ${cond} AND (${cols}) > (k.chain_id, k.operator, k.sku, k.region, k.valuation_asset)
         ORDER BY ${cols} LIMIT 1) n
    ),
    step_points AS (
      SELECT k.*, ${from}::timestamptz AS t, 0 AS block_number, b.valuation, b.gpus
        FROM keys k CROSS JOIN LATERAL (
          SELECT s.valuation, s.gpus FROM scope_valuation s WHERE ${sameKey} AND s.block_time < ${from}
           ORDER BY s.block_time DESC, s.block_number DESC LIMIT 1) b
      UNION ALL
      SELECT k.*, s.block_time, s.block_number, s.valuation, s.gpus
        FROM keys k JOIN scope_valuation s ON ${sameKey} AND s.block_time >= ${from} AND s.block_time < ${to}
    ),
    step_spans AS (
      SELECT chain_id, valuation_asset, valuation, gpus, t,
             lead(t) OVER (PARTITION BY chain_id, operator, sku, region, valuation_asset ORDER BY t, block_number) AS t1
        FROM step_points
    ),
    steps_total AS (
      SELECT chain_id || ':' || valuation_asset AS asset,
             sum(valuation * extract(epoch FROM coalesce(t1, ${to}) - t)::numeric) AS integral,
             sum(gpus) FILTER (WHERE t1 IS NULL) AS gpus
        FROM step_spans GROUP BY chain_id, valuation_asset
    )`
}

/**
 * CTEs shared by the yield queries: `g` (the GPUs in scope), `active` (each one's active window
 * [max(from, registeredAt), to)), and `per_gpu` (its active seconds and ∫ valuation dt over that
 * window, from the piecewise-constant valuation history). With `registeredInWindow`, only the GPUs
 * registered inside the window.
 */
function valuationCtes(gpuScope: string, from: string, to: string, registeredInWindow = false): string {
  return `g AS (
      SELECT * FROM (${GPU_SCOPE_ROWS}) g
       WHERE ${gpuScope} ${registeredInWindow ? `AND registered_at >= ${from} AND registered_at < ${to}` : ''}
    ),
    active AS (
      SELECT gpu_id, chain_id, valuation_asset, greatest(registered_at, ${from}) AS s FROM g WHERE registered_at < ${to}
    ),
    segments AS (
      SELECT a.gpu_id, a.s, v.valuation, v.block_time AS t0,
             lead(v.block_time) OVER (PARTITION BY v.gpu_id ORDER BY v.block_number, v.log_index) AS t1
        FROM active a JOIN gpu_valuation v ON v.gpu_id = a.gpu_id AND v.block_time < ${to}
    ),
    per_gpu AS (
      SELECT a.gpu_id, extract(epoch FROM ${to}::timestamptz - a.s)::numeric AS active_sec,
             coalesce(sum(sg.valuation * greatest(0, extract(epoch FROM
               least(coalesce(sg.t1, ${to}), ${to}) - greatest(sg.t0, a.s)))::numeric), 0) AS integral
        FROM active a LEFT JOIN segments sg ON sg.gpu_id = a.gpu_id
       GROUP BY a.gpu_id, a.s
    )`
}

/** One GPU's usage, revenue and valuation over a window (see gpuBreakdown). */
export interface GpuBreakdownRow {
  chainId: number
  gpuId: bigint
  asset: string
  availableSec: bigint
  rentedSec: bigint
  gross: bigint
  operatorFee: bigint
  protocolFee: bigint
  net: bigint
  /** ∫ valuation dt over the GPU's active window, asset units × seconds */
  valuationSeconds: number
  activeSec: number
}

/**
 * Utilization and yield of every GPU in scope, in one statement: the per-GPU rollups for whole
 * days and hours, raw usage records and distributions for the partial hours at the edges, each
 * grouped by GPU. The same sums as gpuUtilization and gpuYield for a single GPU, for all at once.
 */
export async function gpuBreakdownRows(db: Db, scope: GpuScopeInput, w: Window): Promise<GpuBreakdownRow[]> {
  const tiers = rollupTiers(w, true)
  const p = new Params()
  const from = p.add(w.from)
  const to = p.add(w.to)
  const gpuScope = scopeSql(scope, 'g', p)
  const rollups = rollupRowsSql(
    scope,
    tiers,
    p,
    'h.gpu_id, h.available_sec, h.rented_sec, h.gross, h.operator_fee, h.protocol_fee, h.net',
    true,
  )
  const usageEdges = inSpans('u.epoch_start', tiers.raw, p)
  const revenueEdges = inSpans('r.block_time', tiers.raw, p)
  const sql = `
    WITH ${valuationCtes(gpuScope, from, to)},
    parts AS (
      ${rollups ? `${rollups}\n      UNION ALL` : ''}
      SELECT u.gpu_id, u.available_sec, u.rented_sec, 0, 0, 0, 0 FROM usage_record u JOIN g ON g.gpu_id = u.gpu_id
       WHERE ${usageEdges}
      UNION ALL
      SELECT r.gpu_id, 0, 0, r.gross, r.operator_fee, r.protocol_fee, r.net
        FROM revenue_distribution r JOIN g ON g.gpu_id = r.gpu_id
       WHERE ${revenueEdges}
    ),
    sums AS (
      SELECT gpu_id, sum(available_sec) AS a, sum(rented_sec) AS r, sum(gross) AS gross,
             sum(operator_fee) AS ofee, sum(protocol_fee) AS pfee, sum(net) AS net
        FROM parts GROUP BY gpu_id
    )
    SELECT g.chain_id, split_part(g.gpu_id, ':', 2) AS native_id, g.valuation_asset AS asset, coalesce(s.a, 0)::text AS a, coalesce(s.r, 0)::text AS r,
           coalesce(s.gross, 0)::text AS gross, coalesce(s.ofee, 0)::text AS ofee, coalesce(s.pfee, 0)::text AS pfee,
           coalesce(s.net, 0)::text AS net, coalesce(v.integral, 0)::text AS integral,
           coalesce(v.active_sec, 0)::float8 AS active_sec
      FROM g LEFT JOIN sums s ON s.gpu_id = g.gpu_id LEFT JOIN per_gpu v ON v.gpu_id = g.gpu_id
     ORDER BY g.chain_id, split_part(g.gpu_id, ':', 2)::numeric`
  const { rows } = await db.query(sql, p.values)
  return rows.map((r: Record<string, string>) => ({
    chainId: Number(r.chain_id),
    gpuId: BigInt(r.native_id),
    asset: r.asset,
    availableSec: big(r.a),
    rentedSec: big(r.r),
    gross: big(r.gross),
    operatorFee: big(r.ofee),
    protocolFee: big(r.pfee),
    net: big(r.net),
    valuationSeconds: Number(r.integral),
    activeSec: Number(r.active_sec),
  }))
}
