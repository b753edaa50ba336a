/**
 * The one reader of the processors' own bookkeeping (typeorm-store's state schema, one per chain:
 * the finalized `status` row and the unfinalized `hot_block`s). Before a chain's first run its
 * tables do not exist and every answer is null.
 */
interface Queryable {
  query(sql: string): Promise<{ rows: any[] }>
}

export interface ProcessorHeights {
  /** the highest block that can no longer be rolled back (-1 before any is final) */
  finalized: number
  /** the highest block indexed, hot blocks included */
  indexed: number
}

/** The schema of a chain's progress (typeorm-store's `stateSchema`): each chain's processor has its own. */
export function stateSchemaOf(chainId: number): string {
  if (!Number.isSafeInteger(chainId) || chainId < 0) throw new Error(`not a chain id: ${chainId}`)
  return `squid_processor_${chainId}`
}

async function hasTables(db: Queryable, schema: string): Promise<{ status: boolean; hot: boolean }> {
  const { rows } = await db.query(
    `SELECT to_regclass('${schema}.status') IS NOT NULL AS s, to_regclass('${schema}.hot_block') IS NOT NULL AS h`,
  )
  return { status: rows[0].s, hot: rows[0].h }
}

/** A chain's finalized and indexed heights, or null before its processor has created its state. */
export async function processorHeights(db: Queryable, chainId: number): Promise<ProcessorHeights | null> {
  const schema = stateSchemaOf(chainId)
  const t = await hasTables(db, schema)
  if (!t.status) return null
  const { rows } = await db.query(`
    SELECT s.height AS finalized,
           GREATEST(s.height, ${t.hot ? `(SELECT max(height) FROM ${schema}.hot_block)` : 'NULL'}) AS indexed
    FROM ${schema}.status s WHERE s.id = 0`)
  const r = rows[0]
  if (!r) return null
  return { finalized: Number(r.finalized), indexed: Number(r.indexed) }
}

/**
 * Every block of a chain the index holds by hash: the finalized one and the hot ones above it,
 * height → hash. Null before its processor has created its state. Comparing two readings tells
 * whether indexed blocks were rolled back in between (api/sql/watch.ts).
 */
export async function indexedBlocks(db: Queryable, chainId: number): Promise<Map<number, string> | null> {
  const schema = stateSchemaOf(chainId)
  const t = await hasTables(db, schema)
  if (!t.status) return null
  const { rows } = await db.query(`
    ${t.hot ? `SELECT height, hash FROM ${schema}.hot_block UNION ALL` : ''}
    SELECT height, hash FROM ${schema}.status WHERE id = 0 AND height >= 0`)
  return new Map(rows.map((r) => [Number(r.height), String(r.hash)]))
}

/** The newest block of a chain the index holds (hot or final), with its hash; null when nothing is indexed. */
export async function newestIndexedBlock(
  db: Queryable,
  chainId: number,
): Promise<{ height: number; hash: string } | null> {
  const blocks = await indexedBlocks(db, chainId)
  if (!blocks?.size) return null
  const height = Math.max(...blocks.keys())
  return { height, hash: blocks.get(height)! }
}
