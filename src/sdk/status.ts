/**
 * The one reader of the processor's own bookkeeping (schema squid_processor of typeorm-store: the
 * finalized `status` row and the unfinalized `hot_block`s). Before the first run the tables do not
 * exist and every answer is null.
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

async function hasTables(db: Queryable): Promise<{ status: boolean; hot: boolean }> {
  const { rows } = await db.query(
    `SELECT to_regclass('squid_processor.status') IS NOT NULL AS s, to_regclass('squid_processor.hot_block') IS NOT NULL AS h`,
  )
  return { status: rows[0].s, hot: rows[0].h }
}

/** The finalized and indexed heights, or null before the processor has created its state. */
export async function processorHeights(db: Queryable): Promise<ProcessorHeights | null> {
  const t = await hasTables(db)
  if (!t.status) return null
  const { rows } = await db.query(`
    SELECT s.height AS finalized,
           GREATEST(s.height, ${t.hot ? '(SELECT max(height) FROM squid_processor.hot_block)' : 'NULL'}) AS indexed
    FROM squid_processor.status s WHERE s.id = 0`)
  const r = rows[0]
  if (!r) return null
  return { finalized: Number(r.finalized), indexed: Number(r.indexed) }
}

/** The newest block the index holds (hot or final), with its hash; null when nothing is indexed. */
export async function newestIndexedBlock(db: Queryable): Promise<{ height: number; hash: string } | null> {
  const t = await hasTables(db)
  if (!t.status) return null
  const { rows } = await db.query(`
    ${t.hot ? 'SELECT height, hash FROM squid_processor.hot_block UNION ALL' : ''}
    SELECT height, hash FROM squid_processor.status WHERE id = 0 AND height >= 0
    ORDER BY height DESC LIMIT 1`)
  return rows[0] ? { height: Number(rows[0].height), hash: rows[0].hash } : null
}
