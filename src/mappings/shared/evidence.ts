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

/** Id of a row made from one log: zero-padded so ids sort in chain order. */
export function eventId(log: Log): string {
  return eventIdAt(log.block.height, log.logIndex)
}

export function eventIdAt(blockNumber: number, logIndex: number): string {
  return `${String(blockNumber).padStart(10, '0')}-${String(logIndex).padStart(6, '0')}`
}

/** Id of a row made from a transaction (no log): `<block>-t<transaction index>`, beside the log ids. */
export function txIdAt(blockNumber: number, transactionIndex: number): string {
  return `${String(blockNumber).padStart(10, '0')}-t${String(transactionIndex).padStart(6, '0')}`
}
