import type { DataHandlerContext, Log as _Log, BlockHeader as _BlockHeader } from '@subsquid/evm-processor'
import type { Store } from '@subsquid/typeorm-store'

/**
 * What the mappings see of the SDK: the fields every log and block carries, and the batch context.
 * The processor requests exactly these fields (src/processor/processor.ts).
 */
export const FIELDS = {
  log: { transactionHash: true, topics: true, data: true },
  block: { timestamp: true },
} as const

export type Ctx = DataHandlerContext<Store, typeof FIELDS>
export type Log = _Log<typeof FIELDS>
export type BlockHeader = _BlockHeader<typeof FIELDS>
