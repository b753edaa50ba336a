import { DEMO_CHAIN_ID } from '../../src/demo/deploy'
import { idOn } from '../../src/mappings/shared/chain'

/**
 * Stored ids in tests (docs/processor.md, "Many chains"): the stored id of an item of the test
 * chain, the same for keys built from an address in any case (stored lowercase), and, in SQL, the
 * id a stored id's item has on its chain.
 */
export const onTestChain = (native: string | bigint | number, chainId = DEMO_CHAIN_ID) => idOn(chainId, native)

export const addressKeyOnTestChain = (key: string) => onTestChain(key.toLowerCase())

export const nativeSql = (column: string) => `split_part(${column}, ':', 2)`
