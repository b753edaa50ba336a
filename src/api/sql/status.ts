import type { Db } from './pool'
import { processorHeights } from '../../sdk/status'

export interface IndexerStatusRow {
  indexedHeight: number | null
  finalizedHeight: number | null
  chainHeight: number | null
  lagBlocks: number | null
}

/** What the processor's supervisor last wrote in its heartbeat (src/processor/heartbeat.ts). */
export interface ProcessorBeat {
  running: boolean
  finished: boolean
  restarts: number
  lastError: string | null
  /** seconds since the index last advanced */
  sinceAdvanceSec: number
  /** seconds since the heartbeat was written */
  heartbeatAgeSec: number
  /** the chain's head moved since the index last advanced */
  headMoved: boolean
  chainHeight: number | null
  explorerUrl: string | null
}

/** A heartbeat older than this means the supervisor is gone (it beats every 5 s). */
const HEARTBEAT_STALE_SEC = 30
/** docs/processor.md, "Health": no advance for this long while the head moved is a stall */
export const STALL_AFTER_SEC = 60

export interface IndexerStatusReport extends IndexerStatusRow {
  processor: ProcessorBeat | null
}

/**
 * Heights from the processor's own bookkeeping (finalized = squid_processor.status, indexed = the
 * highest hot block above it) and the chain head from the chain: the heartbeat's RPC reading when
 * there is one, else what the processor saw at its last batch. Before the processor's first run
 * the tables do not exist and every height is null.
 */
export async function indexerStatus(db: Db): Promise<IndexerStatusReport> {
  const { rows } = await db.query(
    `SELECT to_regclass('public.indexer_state') IS NOT NULL AS i, to_regclass('public.processor_heartbeat') IS NOT NULL AS h`,
  )
  const processor = rows[0].h ? await heartbeat(db) : null
  const heights = rows[0].i ? await processorHeights(db) : null
  const state = rows[0].i ? (await db.query(`SELECT chain_height FROM indexer_state WHERE id = 'main'`)).rows[0] : null
  const seen = processor?.chainHeight ?? (state?.chain_height == null ? null : Number(state.chain_height))
  if (!heights || heights.finalized < 0)
    return { indexedHeight: null, finalizedHeight: null, chainHeight: seen, lagBlocks: null, processor }
  const chain = seen == null ? heights.indexed : seen
  return {
    indexedHeight: heights.indexed,
    finalizedHeight: heights.finalized,
    chainHeight: chain,
    // a chain replaced by a shorter one is behind the index: that is no lag, and /health says stalled
    lagBlocks: Math.max(0, chain - heights.indexed),
    processor,
  }
}

async function heartbeat(db: Db): Promise<ProcessorBeat | null> {
  const r = await db.query(`
    SELECT chain_height, restarts, last_error, worker_running, finished, explorer_url,
           chain_height IS DISTINCT FROM chain_height_at_advance AS head_moved,
           extract(epoch FROM now() - advanced_at)::float8 AS since_advance,
           extract(epoch FROM now() - updated_at)::float8 AS age
    FROM processor_heartbeat WHERE id = 'main'`)
  const b = r.rows[0]
  if (!b) return null
  return {
    running: b.worker_running && b.age <= HEARTBEAT_STALE_SEC,
    finished: b.finished,
    restarts: b.restarts,
    lastError: b.last_error,
    sinceAdvanceSec: Math.round(b.since_advance),
    heartbeatAgeSec: Math.round(b.age),
    headMoved: b.head_moved,
    chainHeight: b.chain_height,
    explorerUrl: b.explorer_url,
  }
}

export type HealthStatus = 'starting' | 'ok' | 'syncing' | 'stalled'

/**
 * ok / syncing / stalled (docs/processor.md, "Health"). Stalled: the processor has not reached its
 * toBlock and either its supervisor is gone, or the index has not advanced for `stallAfterSec`
 * while the head moved or while the worker was not running (restarting in a loop).
 */
export function healthOf(s: IndexerStatusReport, stallAfterSec = STALL_AFTER_SEC): HealthStatus {
  const p = s.processor
  if (p && !p.finished) {
    if (p.heartbeatAgeSec > HEARTBEAT_STALE_SEC) return 'stalled'
    if (p.sinceAdvanceSec > stallAfterSec && (p.headMoved || !p.running)) return 'stalled'
  }
  if (s.indexedHeight == null) return 'starting'
  return s.lagBlocks === 0 ? 'ok' : 'syncing'
}
