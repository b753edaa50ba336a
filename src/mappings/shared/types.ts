import type {
  DataHandlerContext,
  Log as _Log,
  BlockHeader as _BlockHeader,
  Transaction as _Transaction,
} from '@subsquid/evm-processor'
import type { Store } from '@subsquid/typeorm-store'

/**
 * What the mappings see of the SDK: the fields every log, transaction and block carries, and the batch
 * context.
 * The processor requests exactly these fields (src/processor/processor.ts).
 */
export const FIELDS = {
  log: { transactionHash: true, topics: true, data: true },
  // requested only for ERC-7641 tokens, whose claims, burns and revenue are transactions (processor.ts)
  transaction: { hash: true, from: true, to: true, value: true, input: true, status: true },
  block: { timestamp: true },
} as const

export type Ctx = DataHandlerContext<Store, typeof FIELDS>
export type Log = _Log<typeof FIELDS>
export type BlockHeader = _BlockHeader<typeof FIELDS>
export type Transaction = _Transaction<typeof FIELDS>
