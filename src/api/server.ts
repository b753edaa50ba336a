import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { ApolloServer, HeaderMap } from '@apollo/server'
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled'
import { unwrapResolverError } from '@apollo/server/errors'
import type pg from 'pg'
import { createReadPool, observed } from './db/pool'
import { indexerStatus } from './db/status'
import { createContext, type ApiContext } from './graphql/context'
import { createSchema } from './graphql/schema'
import { IDE_HTML } from './routes/ide'

/** One Node HTTP server for GraphQL and the plain routes (health, and later exports, provenance, dashboard). */

const MAX_BODY = 1024 * 1024

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
  /** sees every SQL statement the resolvers send */
  onQuery?: (sql: string) => void
}): Promise<ApiServer> {
  const pool = createReadPool(opts.databaseUrl)
  const db = observed(pool, opts.onQuery)
  const apollo = new ApolloServer<ApiContext>({
    schema: await createSchema(),
    introspection: opts.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
    formatError(formatted, error) {
      // Errors we did not raise on purpose (database down, bugs) must not leak internals.
      const code = formatted.extensions?.code
      if (code === 'INTERNAL_SERVER_ERROR' || code == null) {
        const original = unwrapResolverError(error) as any
        if (original?.code === 'ECONNREFUSED' || original?.code === '57P01') {
          return { message: 'database unavailable', extensions: { code: 'SERVICE_UNAVAILABLE' } }
        }
        return { message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }
      }
      return formatted
    },
  })
  await apollo.start()

  const server = http.createServer((req, res) => {
    route(req, res).catch((e) => {
      if (!res.headersSent) send(res, 500, 'application/json', JSON.stringify({ error: 'internal error' }))
      else res.destroy(e)
    })
  })

  async function route(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost')
    res.setHeader('access-control-allow-origin', '*')
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS')
      res.setHeader('access-control-allow-headers', 'content-type')
      return send(res, 204, 'text/plain', '')
    }
    if (url.pathname === '/health' && req.method === 'GET') return health(res)
    if (url.pathname === '/graphql') {
      if (req.method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html')) {
        return send(res, 200, 'text/html; charset=utf-8', IDE_HTML)
      }
      return graphql(req, res, url)
    }
    if (url.pathname === '/' && req.method === 'GET') {
      return send(
        res,
        200,
        'text/html; charset=utf-8',
        `<!doctype html><meta charset="utf-8"><title>deai-squid</title>
<h1>deai-squid</h1><ul><li><a href="/graphql">GraphQL console</a></li><li><a href="/health">health</a></li></ul>`,
      )
    }
    send(res, 404, 'application/json', JSON.stringify({ error: `no route ${req.method} ${url.pathname}` }))
  }

  async function health(res: http.ServerResponse) {
    try {
      const s = await indexerStatus(pool)
      const status = s.indexedHeight == null ? 'starting' : s.lagBlocks === 0 ? 'ok' : 'syncing'
      send(res, 200, 'application/json', JSON.stringify({ status, ...s }))
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

  async function graphql(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
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
    if (result.body.kind === 'complete') return res.end(result.body.string)
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
      await pool.end()
    },
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: string) {
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
      if (size > limit) {
        resolve(null)
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
