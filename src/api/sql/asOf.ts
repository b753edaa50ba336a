import { processorHeights } from '../../sdk/status'
import type { Db } from './pool'
import type { Params } from './sql'

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

/**
 * The cut of "as of block N of chain C" (METRICS.md v2, docs/api.md "As of a block"): rows of chain C
 * up to block N, rows of other chains up to N's block time. The time is that of the newest block
 * up to N holding one of our items (exact when N holds one; a block without any has nothing of
 * C's to add, and its own time is not known to the index).
 */
export interface AsOf {
  chainId: number
  block: number
  time: Date
}

/** The cut at block N of a chain, or the reason N cannot be asked about. */
export async function asOfCut(db: Db, chainId: number, block: number): Promise<AsOf | string> {
  const problem = await asOfBlockProblem(db, chainId, block)
  if (problem) return problem
  const { rows } = await db.query(
    `SELECT time FROM block_time WHERE chain_id = $1 AND number <= $2 ORDER BY number DESC LIMIT 1`,
    [chainId, block],
  )
  return { chainId, block, time: rows[0]?.time ?? new Date(0) }
}

/** Is a row of `chainId` at (block, time) inside the cut? The in-memory twin of `visibleSql`. */
export function visible(cut: AsOf, chainId: number, block: number | null, time: Date | null): boolean {
  if (chainId === cut.chainId && block != null) return block <= cut.block
  return time != null && time.getTime() <= cut.time.getTime()
}

/**
 * SQL condition: the row `a` (with chain_id and the given block and time columns) is inside the cut
 * whose chain, block and time are the placeholders c, b, t. A row of the cut's chain without a block
 * (indexed before the block was kept) is cut by its time.
 */
export function visibleSql(
  a: string,
  [c, b, t]: [string, string, string],
  cols: { block: string; time: string } = { block: 'block_number', time: 'block_time' },
): string {
  return `(CASE WHEN ${a}.chain_id = ${c} AND ${a}.${cols.block} IS NOT NULL THEN ${a}.${cols.block} <= ${b}
                ELSE ${a}.${cols.time} <= ${t} END)`
}

/** The cut's values as parameters (chain, block, time), for `visibleSql`. */
export function cutParams(p: Params, cut: AsOf): [string, string, string] {
  return [p.add(cut.chainId), p.add(cut.block), p.add(cut.time)]
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
