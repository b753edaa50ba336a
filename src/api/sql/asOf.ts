import { processorHeights } from '../../sdk/status'
import type { Db } from './pool'

/**
 * Answers "as of block N" from the history the index keeps: every event row carries its block, so
 * the state after the last event up to N is read from those rows, with no second copy of the data
 * (docs/api.md, "As of a block").
 */

/** Why a block cannot be asked about, or null when it can: it must be indexed on its chain. */
export async function asOfBlockProblem(db: Db, chainId: number, block: number): Promise<string | null> {
  if (!Number.isSafeInteger(block) || block < 0) return `asOfBlock must be a block number (0 or more), got ${block}`
  const h = await processorHeights(db, chainId)
  if (!h || block > h.indexed)
    return `block ${block} is not indexed on chain ${chainId} yet (indexed to ${h ? h.indexed : 'nothing'})`
  return null
}

export interface GpuAsOf {
  ownerId: string | null
  valuation: string | null
  status: string | null
}

/** A GPU's owner, valuation and status after its last transfer, valuation and status event up to `block`. */
export async function gpuAsOf(db: Db, gpuId: string, block: number): Promise<GpuAsOf> {
  const last = (table: string, column: string) =>
    `(SELECT ${column} FROM ${table} WHERE gpu_id = $1 AND block_number <= $2 ORDER BY block_number DESC, log_index DESC LIMIT 1)`
  const { rows } = await db.query(
    `SELECT ${last('gpu_transfer', 'to_id')} AS owner_id, ${last('gpu_valuation', 'valuation')} AS valuation,
            ${last('gpu_status_change', 'status')} AS status`,
    [gpuId, block],
  )
  return { ownerId: rows[0].owner_id, valuation: rows[0].valuation, status: rows[0].status }
}
