import type { Log } from './types'

/**
 * Ids of stored rows across chains (docs/processor.md, "Many chains"). One database holds several
 * chains, and the same GPU id, vault address or model id on two chains are two things, so every
 * stored id is `<chainId>:<id on its chain>`. References between rows use the same ids, so a join
 * never crosses chains by accident; a training run's references to another chain name that chain.
 */
export class ChainIds {
  private readonly prefix: string

  constructor(readonly chainId: number) {
    this.prefix = `${chainId}:`
  }

  /** The stored id of an item of this chain: a GPU id, an address (lowercase), a composite key. */
  of(native: string | bigint | number): string {
    return this.prefix + native
  }

  /** Id of a row made from one log: zero-padded so ids of a chain sort in chain order. */
  event(log: Log): string {
    return this.eventAt(log.block.height, log.logIndex)
  }

  eventAt(blockNumber: number, logIndex: number): string {
    return `${this.prefix}${String(blockNumber).padStart(10, '0')}-${String(logIndex).padStart(6, '0')}`
  }

  /** Id of a row made from a transaction (no log): `<block>-t<transaction index>`, beside the log ids. */
  tx(blockNumber: number, transactionIndex: number): string {
    return `${this.prefix}${String(blockNumber).padStart(10, '0')}-t${String(transactionIndex).padStart(6, '0')}`
  }
}

/** The id an item has on its own chain (a GPU id, an address): the stored id without its chain. */
export function nativeId(id: string): string {
  return id.slice(id.indexOf(':') + 1)
}

/** The chain of a stored id. */
export function chainOfId(id: string): number {
  return Number(id.slice(0, id.indexOf(':')))
}

/** The stored id of an item of any chain. */
export function idOn(chainId: number, native: string | bigint | number): string {
  return `${chainId}:${native}`
}
