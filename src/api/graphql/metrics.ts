import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type pg from 'pg'

/** Prometheus metrics of the API: requests, latency and errors per operation, and the DB pool. */
export class ApiMetrics {
  readonly registry = new Registry()
  private readonly requests = new Counter({
    name: 'deai_api_requests_total',
    help: 'Requests served, by operation (GraphQL root field or route) and outcome',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  })
  private readonly latency = new Histogram({
    name: 'deai_api_request_duration_seconds',
    help: 'Request latency by operation',
    labelNames: ['operation'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  })
  private readonly errors = new Counter({
    name: 'deai_api_errors_total',
    help: 'Errors returned, by operation and error code',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  })

  private readonly cache = new Counter({
    name: 'deai_api_cache_requests_total',
    help: 'Requests the response cache answered (hit), computed and kept (miss), or passed by (bypass), by route',
    labelNames: ['route', 'result'] as const,
    registers: [this.registry],
  })

  cacheResult(route: string, result: 'hit' | 'miss' | 'bypass'): void {
    this.cache.inc({ route, result })
  }

  /** the cache's entries and bytes, read at each scrape */
  observeCache(cache: { size: number; usedBytes: number }): void {
    this.gauge('deai_api_cache_entries', 'responses kept by the response cache', () => cache.size)
    this.gauge('deai_api_cache_bytes', 'bytes kept by the response cache', () => cache.usedBytes)
  }

  /** a gauge read at each scrape */
  private gauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read())
      },
    })
  }

  constructor(
    pool: pg.Pool,
    /** each chain's processor, as /health reads it */
    processors: () => Promise<{ chainId: number; health: string; restarts: number; lagBlocks: number | null }[]>,
  ) {
    this.gauge('deai_api_db_pool_total', 'connections open in the API pool', () => pool.totalCount)
    this.gauge('deai_api_db_pool_idle', 'idle connections in the API pool', () => pool.idleCount)
    this.gauge('deai_api_db_pool_waiting', 'requests waiting for a connection', () => pool.waitingCount)
    // each chain's processor as its heartbeat tells it (the same reading as /health), labelled by
    // chain; a chain's series is -1 while the database does not answer
    type Beat = Awaited<ReturnType<typeof processors>>[number]
    let last: { at: number; value: Promise<Beat[] | null> } | undefined
    let known: number[] = []
    const beats = () => {
      if (!last || Date.now() - last.at > 500) last = { at: Date.now(), value: processors().catch(() => null) }
      return last.value
    }
    const processorGauge = (name: string, help: string, read: (b: Beat) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['chain_id'] as const,
        registers: [this.registry],
        async collect() {
          const list = await beats()
          if (list) known = list.map((b) => b.chainId)
          this.reset()
          for (const chainId of known) {
            const b = list?.find((x) => x.chainId === chainId)
            this.set({ chain_id: String(chainId) }, b ? read(b) : -1)
          }
        },
      })
    processorGauge('deai_processor_restarts', 'times the supervisor restarted the processor since it started', (b) =>
      Number(b.restarts),
    )
    processorGauge('deai_processor_stalled', '1 while /health says the chain is stalled', (b) =>
      Number(b.health === 'stalled'),
    )
    processorGauge('deai_processor_lag_blocks', 'chain head minus indexed height', (b) => b.lagBlocks ?? -1)
  }

  observe(operation: string, seconds: number, errorCodes: string[]) {
    this.latency.observe({ operation }, seconds)
    this.requests.inc({ operation, outcome: errorCodes.length ? 'error' : 'ok' })
    for (const code of errorCodes) this.errors.inc({ operation, code })
  }
}
