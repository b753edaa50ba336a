import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { ApolloServer, HeaderMap } from '@apollo/server'
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled'
import { unwrapResolverError } from '@apollo/server/errors'
import type pg from 'pg'
import { createReadPool, isUnavailable, observed } from './sql/pool'
import { Lane } from './lane'
import { healthOf, indexerStatus, STALL_AFTER_SEC } from './sql/status'
import { createContext, type ApiContext } from './graphql/context'
import { createSchema } from './graphql/schema'
import { IDE_HTML } from './routes/ide'
import { ApiMetrics } from './routes/metrics'
import { loadDashboard } from './routes/dashboard'
import { BadParam, REPORTS, reportVariables, toCsv } from './routes/exports'
import { checkLimits, HEAVY_COST, MAX_TOKENS, rootFieldNames } from './graphql/limits'
import { assertNoNulText } from './graphql/args'
import { toProvJsonLd } from './analytics/provo'
import { usageOfRuns } from './sql/runUsage'
import type { Graph } from './analytics/lineage'
import type { ApolloServerPlugin } from '@apollo/server'

/** One Node HTTP server for GraphQL and the plain routes: health, metrics, provenance, CSV exports, dashboard. */

const MAX_BODY = 1024 * 1024
/** A response larger than this is replaced by a RESPONSE_TOO_LARGE error (docs/api.md, "Limits"). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024

export interface ApiServer {
  url: string
  port: number
  pool: pg.Pool
  close(): Promise<void>
}

export async function startApiServer(opts: {
  databaseUrl: string
  port: number
  host?: string
  introspection?: boolean
  /** serve the GraphQL console on a browser GET of /graphql (default true) */
  ide?: boolean
  /** told of every SQL statement the resolvers send, and its duration */
  onQuery?: (sql: string, ms: number) => void
  /** a client must send its request headers within this time (default 10 s): slow-loris guard */
  headersTimeoutMs?: number
  /** /health says stalled after this long without progress while the head moved (default 60 s) */
  stallAfterSec?: number
  /** larger responses are replaced by RESPONSE_TOO_LARGE (default MAX_RESPONSE_BYTES) */
  maxResponseBytes?: number
}): Promise<ApiServer> {
  const maxResponse = opts.maxResponseBytes ?? MAX_RESPONSE_BYTES
  const pool = createReadPool(opts.databaseUrl)
  // /health and the processor gauges have their own two connections with short timeouts, so they
  // answer within HEALTH_TIMEOUT_MS even when the database hangs or the main pool is exhausted
  const healthPool = createReadPool(opts.databaseUrl, { max: 2, statementTimeoutMs: 1000, connectionTimeoutMs: 1000 })
  const status = () => withTimeout(indexerStatus(healthPool), HEALTH_TIMEOUT_MS)
  const stallAfterSec = opts.stallAfterSec ?? STALL_AFTER_SEC
  const db = observed(pool, opts.onQuery)
  const metrics = new ApiMetrics(pool, async () => {
    const s = await status()
    return { health: healthOf(s, stallAfterSec), restarts: s.processor?.restarts ?? 0, lagBlocks: s.lagBlocks }
  })
  const dashboard = loadDashboard()
  const apollo = new ApolloServer<ApiContext>({
    schema: await createSchema(),
    introspection: opts.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    // the parser stops early on a huge document, so validating one can never be slow (limits.ts)
    parseOptions: { maxTokens: MAX_TOKENS },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // we send no cache hints, and its per-field hook cost ~10 % of a large response's time
      ApolloServerPluginCacheControlDisabled(),
      metricsPlugin(metrics),
      limitsPlugin(),
      truncationPlugin(),
    ],
    formatError(formatted, error) {
      // Errors we did not raise on purpose (database down, bugs) must not leak internals.
      const code = formatted.extensions?.code
      if (code === 'INTERNAL_SERVER_ERROR' || code == null) {
        const original = unwrapResolverError(error) as any
        if (isUnavailable(original)) {
          return {
            message: 'the database is unavailable or overloaded; try again shortly',
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          }
        }
        // undefined_table: the processor has not created the schema yet (see /health: "starting")
        if (original?.code === '42P01') {
          return { message: 'the index is not ready yet', extensions: { code: 'SERVICE_UNAVAILABLE' } }
        }
        // The client gets no internals; the operator gets the cause in the log.
        console.error(
          JSON.stringify({
            level: 'error',
            msg: 'request failed',
            path: formatted.path?.join('.'),
            error: String(original?.message ?? original).slice(0, 500),
            code: original?.code,
          }),
        )
        return { message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }
      }
      return formatted
    },
  })
  await apollo.start()

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
        if (!res.headersSent) send(res, 500, 'application/json', JSON.stringify({ error: 'internal error' }))
        else res.destroy(e)
      })
    },
  )

  async function route(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = requestUrl(req.url ?? '/')
    if (!url) return sendError(res, 400, 'BAD_REQUEST', 'the request path is not a valid URL path (broken %-encoding?)')
    res.setHeader('access-control-allow-origin', '*')
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS')
      res.setHeader('access-control-allow-headers', 'content-type')
      return send(res, 204, 'text/plain', '')
    }
    if (url.pathname === '/health' && req.method === 'GET') return health(res)
    if (url.pathname === '/metrics' && req.method === 'GET') {
      return send(res, 200, metrics.registry.contentType, await metrics.registry.metrics())
    }
    const prov = /^\/provenance\/model\/([^/]+)$/.exec(url.pathname)
    // requestUrl has checked the path's %-encoding, so decoding a part of it cannot fail
    if (prov && req.method === 'GET') return provenance(res, decodeURIComponent(prov[1]), url)
    const csv = /^\/export\/([a-z-]+)\.csv$/.exec(url.pathname)
    if (csv && req.method === 'GET') return exportCsv(res, csv[1], url)
    if (url.pathname === '/graphql') {
      const browser = (req.headers.accept ?? '').includes('text/html')
      if ((opts.ide ?? true) && req.method === 'GET' && !url.searchParams.has('query') && browser) {
        return send(res, 200, 'text/html; charset=utf-8', IDE_HTML)
      }
      return graphql(req, res, url)
    }
    if (url.pathname === '/' && req.method === 'GET') {
      const page = dashboard.get('index.html')
      if (page) return send(res, 200, page.type, page.body)
      return send(res, 503, 'text/plain', 'the dashboard is not built: run npm run build')
    }
    const asset = /^\/assets\/([a-z.]+)$/.exec(url.pathname)
    if (asset && req.method === 'GET' && dashboard.has(asset[1])) {
      const a = dashboard.get(asset[1])!
      res.setHeader('cache-control', 'no-cache')
      return send(res, 200, a.type, a.body)
    }
    send(res, 404, 'application/json', JSON.stringify({ error: `no route ${req.method} ${url.pathname}` }))
  }

  function sendError(res: http.ServerResponse, status: number, code: string, message: string, argument?: string) {
    send(
      res,
      status,
      'application/json',
      JSON.stringify({ error: { code, message, ...(argument ? { argument } : {}) } }),
    )
    return [code]
  }

  /** Runs a query through the schema (same validation, numbers and metrics as POST /graphql). */
  async function execute(query: string, variables: Record<string, unknown>) {
    const r = await apollo.executeOperation({ query, variables }, { contextValue: createContext(db) })
    if (r.body.kind !== 'single') throw new Error('incremental delivery is not used')
    return r.body.singleResult
  }

  function statusOf(code: string): number {
    return code === 'NOT_FOUND'
      ? 404
      : code === 'INTERNAL_SERVER_ERROR'
        ? 500
        : code === 'SERVICE_UNAVAILABLE'
          ? 503
          : 400
  }

  async function provenance(res: http.ServerResponse, id: string, url: RequestUrl): Promise<string[]> {
    const depth = url.searchParams.get('maxDepth')
    if (depth != null && !/^-?\d+$/.test(depth))
      return sendError(res, 400, 'BAD_USER_INPUT', 'maxDepth must be an integer', 'maxDepth')
    const r = await execute(
      `query($id: ID!, $depth: Int) { g: modelLineage(modelVersionId: $id, maxDepth: $depth) {
        root nodes { id kind label resolved revoked depth startedAt endedAt invalidatedAt invalidatedTxHash
          evidence { txHash blockNumber blockTime logIndex } }
        edges { from to kind op weightBps inheritBps evidence { txHash blockNumber blockTime logIndex } } } }`,
      { id, depth: depth == null ? 8 : Number(depth) },
    )
    if (r.errors?.length) {
      const e = r.errors[0]
      const code = String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')
      return sendError(res, statusOf(code), code, e.message, e.extensions?.argument as string | undefined)
    }
    const g = r.data!.g as Graph
    // the GraphQL layer serialised dates: bring them back for the JSON-LD times
    for (const x of [...g.nodes, ...g.edges]) if (x.evidence) x.evidence.blockTime = new Date(x.evidence.blockTime)
    for (const n of g.nodes)
      for (const k of ['startedAt', 'endedAt', 'invalidatedAt'] as const) if (n[k]) n[k] = new Date(n[k]!)
    const runs = g.nodes.filter((n) => n.kind === 'TRAINING_RUN' && n.resolved).map((n) => n.id.slice('run:'.length))
    const usage = runs.length ? await usageOfRuns(db, runs) : new Map()
    send(res, 200, 'application/ld+json', JSON.stringify(toProvJsonLd(g, usage), null, 1))
    return []
  }

  async function exportCsv(res: http.ServerResponse, name: string, url: RequestUrl): Promise<string[]> {
    const report = REPORTS[name]
    if (!report) {
      return sendError(res, 404, 'NOT_FOUND', `no report "${name}"; reports: ${Object.keys(REPORTS).join(', ')}`)
    }
    let variables: Record<string, unknown>
    try {
      variables = reportVariables(name, report, url.searchParams)
    } catch (e) {
      if (e instanceof BadParam) return sendError(res, 400, 'BAD_USER_INPUT', e.message, e.argument)
      throw e
    }
    const r = await execute(report.query, variables)
    if (r.errors?.length) {
      const e = r.errors[0]
      const code = String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')
      return sendError(res, statusOf(code), code, e.message, e.extensions?.argument as string | undefined)
    }
    const { header, rows } = report.rows(r.data, variables)
    res.setHeader('content-disposition', `attachment; filename="${name}.csv"`)
    send(res, 200, 'text/csv; charset=utf-8', toCsv(header, rows))
    return []
  }

  async function health(res: http.ServerResponse) {
    try {
      const s = await status()
      const health = healthOf(s, stallAfterSec)
      send(res, health === 'stalled' ? 503 : 200, 'application/json', JSON.stringify({ status: health, ...s }))
    } catch {
      send(
        res,
        503,
        'application/json',
        JSON.stringify({
          status: 'database unavailable',
          indexedHeight: null,
          finalizedHeight: null,
          chainHeight: null,
          lagBlocks: null,
        }),
      )
    }
  }

  async function graphql(req: http.IncomingMessage, res: http.ServerResponse, url: RequestUrl) {
    let body: unknown = undefined
    if (req.method === 'POST') {
      const raw = await readBody(req, MAX_BODY)
      if (raw == null)
        return send(
          res,
          413,
          'application/json',
          JSON.stringify({
            errors: [{ message: `request body over ${MAX_BODY} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
          }),
        )
      try {
        body = raw.length ? JSON.parse(raw) : {}
      } catch {
        return send(
          res,
          400,
          'application/json',
          JSON.stringify({ errors: [{ message: 'body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] }),
        )
      }
    }
    const headers = new HeaderMap()
    for (const [k, v] of Object.entries(req.headers)) if (v != null) headers.set(k, Array.isArray(v) ? v.join(', ') : v)
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => createContext(db),
    })
    for (const [k, v] of result.headers) res.setHeader(k, v)
    res.statusCode = result.status ?? 200
    if (result.body.kind === 'complete') {
      if (Buffer.byteLength(result.body.string) <= maxResponse) return res.end(result.body.string)
      const message = `the response is over ${maxResponse} bytes; ask for fewer items or fields, or page with first/after`
      return send(
        res,
        400,
        'application/json',
        JSON.stringify({ errors: [{ message, extensions: { code: 'RESPONSE_TOO_LARGE' } }] }),
      )
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk)
    res.end()
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    pool,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
      await apollo.stop()
      await Promise.all([pool.end(), healthPool.end()])
    },
  }
}

/** Path and query of a request target, or null when it is not one (`//%%%/` made `new URL` throw). */
export interface RequestUrl {
  pathname: string
  search: string
  searchParams: URLSearchParams
}

export function requestUrl(target: string): RequestUrl | null {
  if (!target.startsWith('/')) return null
  const q = target.indexOf('?')
  const pathname = q < 0 ? target : target.slice(0, q)
  const search = q < 0 ? '' : target.slice(q)
  try {
    decodeURI(pathname) // broken percent-encoding anywhere in the path is the client's error
    return { pathname, search, searchParams: new URLSearchParams(search) }
  } catch {
    return null
  }
}

/** /health answers within this time, whatever the database does (503 when it could not ask it). */
const HEALTH_TIMEOUT_MS = 1500

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([p, late]).finally(() => clearTimeout(timer))
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer) {
  res.statusCode = status
  res.setHeader('content-type', type)
  res.end(body)
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      // Over the limit: stop keeping it, drain a little more so the client can read our 413,
      // and cut the connection of anyone who keeps sending.
      if (size > limit * 8) req.destroy()
      else if (size <= limit) chunks.push(c)
    })
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * Latency and errors per GraphQL operation, labelled by each root field the request runs (through
 * fragments too; bounded by the schema): a request with several root fields counts for each.
 * `__typename` alone is labelled as such; a request that does not parse or validate, `invalid`.
 */
function metricsPlugin(metrics: ApiMetrics): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      const t0 = process.hrtime.bigint()
      let operations = ['invalid']
      return {
        async didResolveOperation(rc) {
          if (!rc.operation) return
          const names = rootFieldNames(rc.document, rc.operation)
          operations = names.length ? names : ['__typename']
        },
        async willSendResponse(rc) {
          const body = rc.response.body
          const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : []
          const codes = errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN'))
          const seconds = Number(process.hrtime.bigint() - t0) / 1e9
          for (const operation of operations) metrics.observe(operation, seconds, codes)
        },
      }
    },
  }
}

/**
 * Depth and cost limits, with the request's variables known (see graphql/limits.ts); no NUL in text.
 * A request that costs HEAVY_COST or more (a 10,000-point series, a deep walk) then waits for the
 * heavy lane, which runs one such request at a time: a client looping on them cannot take more
 * than one request's share of the server from everyone else.
 */
function limitsPlugin(): ApolloServerPlugin<ApiContext> {
  const heavy = new Lane(1)
  return {
    async requestDidStart() {
      let release: (() => void) | undefined
      return {
        async didResolveOperation(rc) {
          const cost = rc.operation ? checkLimits(rc.schema, rc.document, rc.operation, rc.request.variables ?? {}) : 0
          assertNoNulText(rc.document, rc.request.variables ?? {})
          if (cost >= HEAVY_COST) release = await heavy.enter()
        },
        async willSendResponse() {
          release?.()
          release = undefined
        },
      }
    },
  }
}

/** Text fields served cut (graphql/text.ts) are listed in the response: `extensions.truncated`. */
function truncationPlugin(): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const cut = rc.contextValue.truncated
          if (!cut?.length || rc.response.body.kind !== 'single') return
          const r = rc.response.body.singleResult
          r.extensions = { ...r.extensions, truncated: cut.slice(0, 1000) }
        },
      }
    },
  }
}
