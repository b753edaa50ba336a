import pg from 'pg'
import { processorHeights } from '../sdk/status'
import { chainHeight } from './chainHead'

/**
 * The supervisor's heartbeat (docs/processor.md, "Health"): every few seconds, whatever the worker
 * is doing, one row in `processor_heartbeat` says what the chain's head is (read from the RPC, not
 * from the index), how far the index is and when it last moved, whether the worker runs, how often
 * it was restarted and why it last failed. The API's /health turns that into ok/syncing/stalled.
 * Nothing here may stop the processor: a failed read or write is tried again at the next beat.
 */
export const HEARTBEAT_MS = 5_000

export interface HeartbeatState {
  workerRunning: boolean
  finished: boolean
  restarts: number
  lastError: string | null
}

export class Heartbeat {
  private readonly pool: pg.Pool
  private timer: NodeJS.Timeout | undefined
  private indexed: number | null = null
  private advancedAt = new Date()
  private head: number | null = null
  /** the chain's head when the index last moved: a head that moved since, with no advance, is a stall */
  private chainAtAdvance: number | null = null
  private beating: Promise<void> = Promise.resolve()
  private written = false
  private retry: NodeJS.Timeout | undefined

  constructor(
    databaseUrl: string,
    /** the chain whose processor this is (its row's key) and the network file's name for it */
    readonly chain: { chainId: number; name: string },
    private readonly rpcUrl: string,
    private readonly state: HeartbeatState,
    /** the network file's explorerUrl, for the dashboard's links */
    private readonly explorerUrl: string | null = null,
  ) {
    this.pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 1,
      connectionTimeoutMillis: 3000,
      query_timeout: 3000,
    })
    this.pool.on('error', () => {})
  }

  start(): void {
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS)
    void this.beat()
  }

  /** Writes the state now (after a change the API should see at once), after any beat under way. */
  beat(): Promise<void> {
    this.beating = this.beating.then(() => this.write())
    return this.beating
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    clearTimeout(this.retry)
    await this.beat()
    await this.pool.end().catch(() => undefined)
  }

  private async write(): Promise<void> {
    this.head = await chainHeight(this.rpcUrl, 3000).catch(() => this.head)
    if (this.chainAtAdvance == null) this.chainAtAdvance = this.head
    try {
      const h = (await processorHeights(this.pool, this.chain.chainId))?.indexed ?? null
      if (h != null && h !== this.indexed) {
        if (this.indexed != null && h > this.indexed) {
          this.advancedAt = new Date()
          this.chainAtAdvance = this.head
        }
        this.indexed = h
      }
    } catch {
      // the processor has not created its state yet, or the database is away: keep what we had
    }
    const s = this.state
    await this.pool
      .query(
        `INSERT INTO processor_heartbeat
           (id, chain_height, indexed_height, advanced_at, chain_height_at_advance, restarts, last_error,
            worker_running, finished, explorer_url, name, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
         ON CONFLICT (id) DO UPDATE SET chain_height = $2, indexed_height = $3, advanced_at = $4,
           chain_height_at_advance = $5, restarts = $6, last_error = $7, worker_running = $8, finished = $9,
           explorer_url = $10, name = $11, updated_at = now()`,
        [
          String(this.chain.chainId),
          this.head,
          this.indexed,
          this.advancedAt,
          this.chainAtAdvance,
          s.restarts,
          s.lastError,
          s.workerRunning,
          s.finished,
          this.explorerUrl,
          this.chain.name,
        ],
      )
      .then(() => (this.written = true))
      .catch(() => {
        // no table before the worker's first migration, or no database: until a first beat lands,
        // try every second, so /health knows of the processor as soon as it can
        if (!this.written && !this.retry)
          this.retry = setTimeout(() => ((this.retry = undefined), void this.beat()), 1000)
      })
  }
}
