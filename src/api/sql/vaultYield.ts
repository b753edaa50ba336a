import { type Bucket, rollupCore, type Window } from './time'
import type { Db } from './pool'
import { Params, big } from './sql'

export interface VaultStateAt {
  totalAssets: bigint
  totalSupply: bigint
}

export interface VaultInfo {
  firstEventAt: Date | null
  asset: string | null
  assetDecimals: number
  shareDecimals: number
}

export async function vaultInfo(db: Db, vault: string): Promise<VaultInfo | null> {
  const { rows } = await db.query(
    `SELECT first_event_at AS "firstEventAt", asset, asset_decimals AS "assetDecimals", share_decimals AS "shareDecimals"
       FROM vault WHERE id = $1`,
    [vault],
  )
  return rows[0] ?? null
}

/**
 * The vault state after the last event with block time <= t, for each t (null before its first
 * event). One statement: each lookup is an index probe, so the cost follows the number of times asked.
 */
export async function vaultStatesAt(db: Db, vault: string, times: Date[]): Promise<(VaultStateAt | null)[]> {
  const { rows } = await db.query(
    `SELECT s.total_assets::text AS a, s.total_supply::text AS s
       FROM unnest($2::timestamptz[]) WITH ORDINALITY AS t(at, n)
       LEFT JOIN LATERAL (
         SELECT total_assets, total_supply FROM vault_state
          WHERE vault_id = $1 AND block_time <= t.at
          ORDER BY block_time DESC, block_number DESC, log_index DESC LIMIT 1) s ON true
      ORDER BY t.n`,
    [vault, times],
  )
  return rows.map((r: { a: string | null; s: string | null }) =>
    r.a == null ? null : { totalAssets: big(r.a), totalSupply: big(r.s) },
  )
}

/** The vault's first state (its block time starts a window the vault did not exist for). */
export async function firstVaultState(db: Db, vault: string): Promise<(VaultStateAt & { blockTime: Date }) | null> {
  const { rows } = await db.query(
    `SELECT total_assets::text AS a, total_supply::text AS s, block_time AS t FROM vault_state
      WHERE vault_id = $1 ORDER BY block_time, block_number, log_index LIMIT 1`,
    [vault],
  )
  return rows[0] ? { totalAssets: big(rows[0].a), totalSupply: big(rows[0].s), blockTime: rows[0].t } : null
}

/**
 * Deposited and withdrawn assets with block time in the window, in total (bucket null) or per UTC
 * bucket: whole days from vault_day, the partial days at the edges from vault_flow (an hourly series
 * reads vault_flow only, since day rows cannot be split).
 */
export async function vaultFlows(
  db: Db,
  vault: string,
  w: Window,
  bucket: Bucket | null,
): Promise<{ bucketStart: number | null; deposits: bigint; withdrawals: bigint }[]> {
  const { coreFrom, coreTo } =
    bucket === 'HOUR' ? { coreFrom: w.to.getTime(), coreTo: w.to.getTime() } : rollupCore('DAY', w)
  const p = new Params()
  const v = p.add(vault)
  const from = p.add(w.from)
  const to = p.add(w.to)
  const cf = p.add(new Date(coreFrom))
  const ct = p.add(new Date(coreTo))
  const group = bucket ? `date_trunc(${p.add(bucket.toLowerCase())}, t, 'UTC')` : 'NULL::timestamptz'
  const { rows } = await db.query(
    `SELECT ${group} AS b, sum(d)::text AS d, sum(wd)::text AS w FROM (
       SELECT bucket_start AS t, deposited AS d, withdrawn AS wd FROM vault_day
        WHERE vault_id = ${v} AND bucket_start >= ${cf} AND bucket_start < ${ct}
       UNION ALL
       SELECT block_time, CASE WHEN kind = 'DEPOSIT' THEN assets ELSE 0 END, CASE WHEN kind = 'WITHDRAW' THEN assets ELSE 0 END
         FROM vault_flow
        WHERE vault_id = ${v} AND ((block_time >= ${from} AND block_time < ${cf}) OR (block_time >= ${ct} AND block_time < ${to}))
     ) f GROUP BY 1 ORDER BY 1`,
    p.values,
  )
  return rows.map((r: { b: Date | null; d: string | null; w: string | null }) => ({
    bucketStart: r.b ? r.b.getTime() : null,
    deposits: big(r.d),
    withdrawals: big(r.w),
  }))
}

/** Deposited and withdrawn assets with block time in the window. */
export async function vaultFlowSums(
  db: Db,
  vault: string,
  w: Window,
): Promise<{ deposits: bigint; withdrawals: bigint }> {
  const [total] = await vaultFlows(db, vault, w, null)
  return { deposits: total?.deposits ?? 0n, withdrawals: total?.withdrawals ?? 0n }
}
