import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type pg from 'pg'
import { createApollo, executor } from './graphql/apollo'
import { createSchema } from './graphql/schema'
import { indexStamp, ResponseCache } from './http/cache'
import { requestUrl, send, sendError, sendJson, withTimeout, type Route } from './http/respond'
import { dashboardRoutes } from './routes/dashboard'
import { exportsRoute } from './routes/exports'
import { graphqlRoute, MAX_RESPONSE_BYTES } from './routes/graphql'
import { healthRoute } from './routes/health'
import { LIVE_LIMITS, serveLive, type LiveServer } from './live/server'
import { IndexWatcher } from './sql/watch'
import { ide } from './routes/ide'
import { ApiMetrics } from './graphql/metrics'
import { metricsRoute } from './routes/metrics'
import { provenanceRoute } from './routes/provenance'
import { schemaRoute } from './routes/schema'
import { createReadPool, observed, prepared } from './sql/pool'
import { chainHealths, chainStatuses, STALL_AFTER_SEC } from './sql/status'

/**
 * One Node HTTP server for GraphQL (HTTP, and WebSocket for live data) and the plain routes (health,
 * metrics, provenance, CSV exports, the dashboard, the IDE). Each route is its own module in routes/; this file only composes them.
 */

export { MAX_RESPONSE_BYTES, requestUrl }

/** 64 MiB of kept responses by default (docs/api.md, "Response cache") */
export const RESPONSE_CACHE_BYTES = 64 * 1024 * 1024

export interface ApiServer {
  url: string
  port: number
  pool: pg.Pool
  /** WebSocket subscriptions and live queries (api/live) */
  live: LiveServer
  close(): Promise<void>
}

/** /health answers within this time, whatever the database does (503 when it could not ask it). */
const HEALTH_TIMEOUT_MS = 1500

export async function startApiServer(opts: {
  databaseUrl: string
  port: number
  host?: string
  introspection?: boolean
  /** serve the GraphQL IDE on a browser GET of /graphql, and its files under /ide/ (default true) */
  ide?: boolean
  /** told of every SQL statement the resolvers send, and its duration */
  onQuery?: (sql: string, ms: number) => void
  /** a client must send its request headers within this time (default 10 s): slow-loris guard */
  headersTimeoutMs?: number
  /** /health says stalled after this long without progress while the head moved (default 60 s) */
  stallAfterSec?: number
  /** larger responses are replaced by RESPONSE_TOO_LARGE (default MAX_RESPONSE_BYTES) */
  maxResponseBytes?: number
  /** caps of subscriptions and live queries (default LIVE_LIMITS) */
  liveLimits?: Partial<typeof LIVE_LIMITS>
  /** the response cache's budget in bytes (default RESPONSE_CACHE_BYTES; 0: no cache) */
  cacheBytes?: number
}): Promise<ApiServer> {
  const pool = createReadPool(opts.databaseUrl)
  // /health and the processor gauges have their own two connections with short timeouts, so they
  // answer within HEALTH_TIMEOUT_MS even when the database hangs or the main pool is exhausted
  const healthPool = createReadPool(opts.databaseUrl, { max: 2, statementTimeoutMs: 1000, connectionTimeoutMs: 1000 })
  const status = () => withTimeout(chainStatuses(healthPool), HEALTH_TIMEOUT_MS)
  const stallAfterSec = opts.stallAfterSec ?? STALL_AFTER_SEC
  const db = observed(prepared(pool), opts.onQuery)
  const metrics = new ApiMetrics(pool, async () =>
    chainHealths(await status(), stallAfterSec).map((c) => ({
      chainId: c.chainId,
      health: c.health,
      restarts: c.processor?.restarts ?? 0,
      lagBlocks: c.lagBlocks,
    })),
  )
  const schema = await createSchema()
  const introspection = opts.introspection ?? true
  const apollo = await createApollo({ metrics, introspection, schema })
  const execute = executor(apollo, db)
  // one stamp read per cacheable request, on the main pool but outside the resolvers' statement observer
  const stampDb = prepared(pool)
  const cache = new ResponseCache(
    opts.cacheBytes ?? RESPONSE_CACHE_BYTES,
    () => indexStamp(stampDb),
    (route, result) => metrics.cacheResult(route, result),
  )
  metrics.observeCache(cache)
  const theIde = (opts.ide ?? true) ? ide() : null
  const routes: Route[] = [
    healthRoute(status, stallAfterSec),
    ...(introspection ? [schemaRoute(schema)] : []),
    metricsRoute(metrics),
    provenanceRoute(execute, db),
    exportsRoute(execute, cache),
    graphqlRoute({ apollo, db, ide: theIde, maxResponseBytes: opts.maxResponseBytes ?? MAX_RESPONSE_BYTES, cache }),
    ...(theIde?.routes ?? []),
    ...dashboardRoutes(),
  ]

  async function route(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = requestUrl(req.url ?? '/')
    if (!url) return sendError(res, 400, 'BAD_REQUEST', 'the request path is not a valid URL path (broken %-encoding?)')
    res.setHeader('access-control-allow-origin', '*')
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS')
      res.setHeader('access-control-allow-headers', 'content-type')
      return send(res, 204, 'text/plain', '')
    }
    for (const r of routes) {
      if (r.method === 'GET' && req.method !== 'GET') continue
      const match = r.path.exec(url.pathname)
      if (match) return r.handle(req, res, url, match)
    }
    sendJson(res, 404, { error: `no route ${req.method} ${url.pathname}` })
  }

  // Slow clients: headers within 10 s, the whole request within 30 s, checked every second; idle
  // keep-alive sockets closed after 5 s. A client trickling bytes cannot hold a socket for long.
  const headersTimeout = opts.headersTimeoutMs ?? 10_000
  const server = http.createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(30_000, headersTimeout),
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: Math.min(1_000, headersTimeout),
    },
    (req, res) => {
      route(req, res).catch((e) => {
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
        else res.destroy(e)
      })
    },
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve())
  })
  const watcher = new IndexWatcher(db)
  const live = serveLive(server, { schema, db, watcher, limits: opts.liveLimits })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    pool,
    live,
    async close() {
      watcher.stop()
      await live.close()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
      await apollo.stop()
      await Promise.all([pool.end(), healthPool.end()])
    },
  }
}
