import type { Db } from './pool'

export interface IndexerStatusRow {
  indexedHeight: number | null
  finalizedHeight: number | null
  chainHeight: number | null
  lagBlocks: number | null
}

/**
 * Heights from the processor's own bookkeeping: finalized = squid_processor.status, indexed = the
 * highest hot block above it, chain = what the processor last saw of the head.
 * Before the processor's first run the tables do not exist and every height is null.
 */
export async function indexerStatus(db: Db): Promise<IndexerStatusRow> {
  const exists = await db.query(
    `SELECT to_regclass('squid_processor.status') IS NOT NULL AS s, to_regclass('public.indexer_state') IS NOT NULL AS i`,
  )
  if (!exists.rows[0].s || !exists.rows[0].i)
    return { indexedHeight: null, finalizedHeight: null, chainHeight: null, lagBlocks: null }
  const r = await db.query(`
    SELECT s.height AS finalized,
           GREATEST(s.height, (SELECT max(height) FROM squid_processor.hot_block)) AS indexed,
           (SELECT chain_height FROM indexer_state WHERE id = 'main') AS chain
    FROM squid_processor.status s WHERE s.id = 0`)
  const row = r.rows[0]
  if (!row || row.finalized < 0)
    return { indexedHeight: null, finalizedHeight: null, chainHeight: row?.chain ?? null, lagBlocks: null }
  const indexed = Number(row.indexed)
  const chain = row.chain == null ? indexed : Math.max(Number(row.chain), indexed)
  return {
    indexedHeight: indexed,
    finalizedHeight: Number(row.finalized),
    chainHeight: chain,
    lagBlocks: chain - indexed,
  }
}
