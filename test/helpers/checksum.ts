import { query } from './db'

/**
 * One md5 per table of the indexed data (rows as text, ordered by id), to compare two databases.
 * indexer_state and processor_heartbeat are left out: they hold wall-clock times and the head seen
 * last, not indexed data; follow_pending holds what a processor found before a restart (follow.ts).
 */
export async function tableChecksums(url: string): Promise<Record<string, string>> {
  const tables = await query<{ t: string }>(
    url,
    `SELECT table_name AS t FROM information_schema.tables
      WHERE table_schema = 'public' AND table_name NOT IN ('migrations', 'indexer_state', 'processor_heartbeat', 'follow_pending') ORDER BY 1`,
  )
  const out: Record<string, string> = {}
  for (const { t } of tables) {
    const [r] = await query(
      url,
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) AS h FROM "${t}" x`,
    )
    out[t] = `${r.n}:${r.h}`
  }
  return out
}

/** Polls until a chain's processor has indexed `height` (its indexer_state row is written by every batch). */
export async function waitIndexed(url: string, height: number, timeoutMs = 60_000, chainId = 31337): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const rows = await query(url, `SELECT indexed_height FROM indexer_state WHERE chain_id = $1`, [chainId]).catch(
      () => [],
    )
    if (rows[0] && rows[0].indexed_height >= height) return
    if (Date.now() > until) throw new Error(`not indexed to ${height} within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
