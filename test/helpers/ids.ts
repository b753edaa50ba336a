import { DEMO_CHAIN_ID } from '../../src/demo/deploy'
import { idOn } from '../../src/mappings/shared/chain'

/**
 * Stored ids in tests (docs/processor.md, "Many chains"): the stored id of an item of the test chain
 * (addresses lowercase), and, in SQL, the id a stored id's item has on its chain.
 */
export const onTestChain = (native: string | bigint | number, chainId = DEMO_CHAIN_ID) =>
  idOn(chainId, typeof native === 'string' ? native.toLowerCase() : native)

export const nativeSql = (column: string) => `split_part(${column}, ':', 2)`
