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

/** The chains the index holds data of (each processor's state row appears with its first batch). */
export async function indexedChains(db: Db): Promise<number[]> {
  try {
    const { rows } = await db.query(`SELECT chain_id FROM indexer_state ORDER BY chain_id`)
    return rows.map((r: { chain_id: number }) => r.chain_id)
  } catch (e) {
    // before the first migration there is no table, and no chain
    if ((e as { code?: string }).code === '42P01') return []
    throw e
  }
}

/** A heartbeat older than this means the supervisor is gone (it beats every 5 s). */
const HEARTBEAT_STALE_SEC = 30
/** docs/processor.md, "Health": no advance for this long while the head moved is a stall */
export const STALL_AFTER_SEC = 60

export interface IndexerStatusReport extends IndexerStatusRow {
  processor: ProcessorBeat | null
}

/** One chain's status: its processor's heights and heartbeat. */
export interface ChainStatusReport extends IndexerStatusReport {
  chainId: number
  /** the network file's name, as its processor reported it */
  name: string
}

/**
 * Every chain the database knows of (a processor's heartbeat or its indexed state), by chain id.
 * Heights come from each processor's own bookkeeping (finalized = its state schema's status, indexed
 * = the highest hot block above it) and the chain head from the chain: the heartbeat's RPC reading
 * when there is one, else what the processor saw at its last batch. Before a processor's first run
 * its tables do not exist and its heights are null.
 */
export async function chainStatuses(db: Db): Promise<ChainStatusReport[]> {
  const { rows } = await db.query(
    `SELECT to_regclass('public.indexer_state') IS NOT NULL AS i, to_regclass('public.processor_heartbeat') IS NOT NULL AS h`,
  )
  const beats = rows[0].h ? await heartbeats(db) : new Map<number, NamedBeat>()
  const states = new Map<number, number | null>()
  if (rows[0].i) {
    for (const r of (await db.query(`SELECT chain_id, chain_height FROM indexer_state`)).rows)
      states.set(r.chain_id, r.chain_height == null ? null : Number(r.chain_height))
  }
  const chainIds = [...new Set([...beats.keys(), ...states.keys()])].sort((a, b) => a - b)
  return Promise.all(
    chainIds.map(async (chainId): Promise<ChainStatusReport> => {
      const processor = beats.get(chainId)?.beat ?? null
      const name = beats.get(chainId)?.name ?? String(chainId)
      const heights = await processorHeights(db, chainId)
      const seen = processor?.chainHeight ?? states.get(chainId) ?? null
      if (!heights || heights.finalized < 0)
        return {
          chainId,
          name,
          indexedHeight: null,
          finalizedHeight: null,
          chainHeight: seen,
          lagBlocks: null,
          processor,
        }
      const chain = seen == null ? heights.indexed : seen
      return {
        chainId,
        name,
        indexedHeight: heights.indexed,
        finalizedHeight: heights.finalized,
        chainHeight: chain,
        // a chain replaced by a shorter one is behind the index: that is no lag, and /health says stalled
        lagBlocks: Math.max(0, chain - heights.indexed),
        processor,
      }
    }),
  )
}

/**
 * The status of the chain that lags most (the largest lagBlocks, a chain not started yet first;
 * ties: the lowest chain id): with several chains, what "how far behind is the index" means.
 */
export function mostLagging(chains: ChainStatusReport[]): IndexerStatusReport {
  const none = { indexedHeight: null, finalizedHeight: null, chainHeight: null, lagBlocks: null, processor: null }
  const lag = (c: ChainStatusReport) => c.lagBlocks ?? Number.POSITIVE_INFINITY
  let worst: ChainStatusReport | undefined
  for (const c of chains) if (!worst || lag(c) > lag(worst)) worst = c
  if (!worst) return none
  const { indexedHeight, finalizedHeight, chainHeight, lagBlocks, processor } = worst
  return { indexedHeight, finalizedHeight, chainHeight, lagBlocks, processor }
}

/** A chain's heartbeat, with the network's name its supervisor wrote. */
interface NamedBeat {
  name: string | null
  beat: ProcessorBeat
}

async function heartbeats(db: Db): Promise<Map<number, NamedBeat>> {
  const r = await db.query(`
    SELECT id, name, chain_height, restarts, last_error, worker_running, finished, explorer_url,
           chain_height IS DISTINCT FROM chain_height_at_advance AS head_moved,
           extract(epoch FROM now() - advanced_at)::float8 AS since_advance,
           extract(epoch FROM now() - updated_at)::float8 AS age
    FROM processor_heartbeat`)
  const out = new Map<number, NamedBeat>()
  for (const b of r.rows) {
    const chainId = Number(b.id)
    if (!Number.isSafeInteger(chainId)) continue
    out.set(chainId, {
      name: b.name,
      beat: {
        running: b.worker_running && b.age <= HEARTBEAT_STALE_SEC,
        finished: b.finished,
        restarts: b.restarts,
        lastError: b.last_error,
        sinceAdvanceSec: Math.round(b.since_advance),
        heartbeatAgeSec: Math.round(b.age),
        headMoved: b.head_moved,
        chainHeight: b.chain_height,
        explorerUrl: b.explorer_url,
      },
    })
  }
  return out
}

export type HealthStatus = 'starting' | 'ok' | 'syncing' | 'stalled'

/** A chain's status with its health, as /health and `chains` serve it. */
export interface ChainHealth extends ChainStatusReport {
  health: HealthStatus
}

export function chainHealths(chains: ChainStatusReport[], stallAfterSec = STALL_AFTER_SEC): ChainHealth[] {
  return chains.map((c) => ({ ...c, health: healthOf(c, stallAfterSec) }))
}

/**
 * The deployment's health: stalled when any chain is, else starting while any chain has not indexed
 * a block (or no processor has reported yet), syncing while any lags, ok when all are at their heads.
 */
export function overallHealth(chains: ChainHealth[]): HealthStatus {
  if (chains.length === 0) return 'starting'
  for (const h of ['stalled', 'starting', 'syncing'] as const) if (chains.some((c) => c.health === h)) return h
  return 'ok'
}

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
