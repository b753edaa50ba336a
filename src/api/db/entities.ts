import type { Db } from './pool'

/** Row shapes and batch loaders for entities: one query per batch of ids, results in key order. */

export interface AccountRow {
  id: string
  firstSeenAt: Date
}

export interface GpuRow {
  id: string
  gpuId: string
  ownerId: string | null
  operatorId: string
  sku: string
  region: string
  status: string
  valuation: string
  valuationAsset: string
  registeredAt: Date
  registeredBlock: number
  txHash: string
  logIndex: number
}

function inKeyOrder<T extends { id: string }>(keys: readonly string[], rows: T[]): (T | null)[] {
  const byId = new Map(rows.map((r) => [r.id, r]))
  return keys.map((k) => byId.get(k) ?? null)
}

export async function loadAccounts(db: Db, ids: readonly string[]): Promise<(AccountRow | null)[]> {
  const r = await db.query(`SELECT id, first_seen_at AS "firstSeenAt" FROM account WHERE id = ANY($1)`, [ids])
  return inKeyOrder(ids, r.rows)
}

const GPU_COLUMNS = `id, gpu_id::text AS "gpuId", owner_id AS "ownerId", operator_id AS "operatorId", sku, region, status,
  valuation::text AS valuation, valuation_asset AS "valuationAsset", registered_at AS "registeredAt",
  registered_block AS "registeredBlock", tx_hash AS "txHash", log_index AS "logIndex"`

export async function loadGpus(db: Db, ids: readonly string[]): Promise<(GpuRow | null)[]> {
  const r = await db.query(`SELECT ${GPU_COLUMNS} FROM gpu WHERE id = ANY($1)`, [ids])
  return inKeyOrder(ids, r.rows)
}

export async function listGpus(db: Db, opts: { first: number; afterGpuId: string | null }): Promise<GpuRow[]> {
  const r = await db.query(
    `SELECT ${GPU_COLUMNS} FROM gpu WHERE ($1::numeric IS NULL OR gpu_id > $1::numeric) ORDER BY gpu_id LIMIT $2`,
    [opts.afterGpuId, opts.first],
  )
  return r.rows
}
