import type { Log } from './types'

/** Where a row came from on chain: what an auditor needs to check it. */
export interface Evidence {
  txHash: string
  blockNumber: number
  blockTime: Date
  logIndex: number
}

export function evidenceOf(log: Log): Evidence {
  return {
    txHash: log.transactionHash,
    blockNumber: log.block.height,
    blockTime: new Date(log.block.timestamp),
    logIndex: log.logIndex,
  }
}
