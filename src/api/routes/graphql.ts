import { HeaderMap } from '@apollo/server'
import type { IncomingMessage } from 'node:http'
import type { Apollo } from '../graphql/apollo'
import { cachedResponse, type ResponseCache, sendResponse } from '../http/cache'
import { createContext } from '../graphql/common/context'
import { readBody, sendGraphqlError, type Route } from '../http/respond'
import type { Db } from '../sql/pool'
import type { Ide } from './ide'

const MAX_BODY = 1024 * 1024
/** A response larger than this is replaced by a RESPONSE_TOO_LARGE error (docs/api.md, "Limits"). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024

/** /graphql: GraphQL over HTTP (GET and POST); a browser's plain GET gets the IDE when there is one. */
export function graphqlRoute(opts: {
  apollo: Apollo
  db: Db
  ide: Ide | null
  maxResponseBytes: number
  cache: ResponseCache
}): Route {
  const { apollo, db, maxResponseBytes, cache } = opts
  return {
    method: 'ANY',
    path: /^\/graphql$/,
    async handle(req, res, url) {
      const browser = (req.headers.accept ?? '').includes('text/html')
      if (opts.ide && req.method === 'GET' && !url.searchParams.has('query') && browser) return opts.ide.page(req, res)
      let body: unknown = undefined
      if (req.method === 'POST') {
        const raw = await readBody(req, MAX_BODY)
        if (raw == null) return sendGraphqlError(res, 413, 'PAYLOAD_TOO_LARGE', `request body over ${MAX_BODY} bytes`)
        try {
          body = raw.length ? JSON.parse(raw) : {}
        } catch {
          return sendGraphqlError(res, 400, 'BAD_REQUEST', 'body is not valid JSON')
        }
      }
      const key = cacheKey(req, url, body)
      const { response, result } = await cache.serve('graphql', key, async () => {
        const headers = new HeaderMap()
        for (const [k, v] of Object.entries(req.headers))
          if (v != null) headers.set(k, Array.isArray(v) ? v.join(', ') : v)
        const result = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
          context: async () => createContext(db),
        })
        const out: Record<string, string> = {}
        for (const [k, v] of result.headers) if (k !== 'content-type') out[k] = v
        if (result.body.kind === 'complete') {
          const text = result.body.string
          if (Buffer.byteLength(text) > maxResponseBytes) {
            const message = `the response is over ${maxResponseBytes} bytes; ask for fewer items or fields, or page with first/after`
            sendGraphqlError(res, 400, 'RESPONSE_TOO_LARGE', message)
            return null
          }
          const r = cachedResponse(result.status ?? 200, result.headers.get('content-type') ?? JSON_TYPE, text, out)
          // an answer with errors is not kept: some are passing (the database was unavailable)
          return { ...r, noStore: hasErrors(text) }
        }
        for (const [k, v] of Object.entries(out)) res.setHeader(k, v)
        res.statusCode = result.status ?? 200
        for await (const chunk of result.body.asyncIterator) res.write(chunk)
        res.end()
        return null
      })
      if (response) sendResponse(req, res, response, result)
    },
  }
}

const JSON_TYPE = 'application/json; charset=utf-8'

function hasErrors(text: string): boolean {
  if (!text.includes('"errors"')) return false
  try {
    return 'errors' in JSON.parse(text)
  } catch {
    return true
  }
}

/**
 * The cache key of a GraphQL request: its method, what it accepts, and its operation (document,
 * name, variables, extensions); null when it cannot be kept: a batch, or a request Apollo's CSRF
 * prevention would refuse (a hit must not skip that check).
 */
function cacheKey(
  req: IncomingMessage,
  url: { search: string; searchParams: URLSearchParams },
  body: unknown,
): string | null {
  if (!csrfSafe(req)) return null
  let op: Record<string, unknown>
  if (req.method === 'GET') {
    const p = url.searchParams
    try {
      op = {
        query: p.get('query'),
        operationName: p.get('operationName'),
        variables: p.has('variables') ? JSON.parse(p.get('variables')!) : null,
        extensions: p.has('extensions') ? JSON.parse(p.get('extensions')!) : null,
      }
    } catch {
      return null
    }
  } else if (req.method === 'POST' && body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>
    op = {
      query: b.query,
      operationName: b.operationName ?? null,
      variables: b.variables ?? null,
      extensions: b.extensions ?? null,
    }
  } else return null
  if (typeof op.query !== 'string') return null
  try {
    return JSON.stringify([
      req.method,
      req.headers.accept ?? '',
      op.query,
      op.operationName,
      op.variables,
      op.extensions,
    ])
  } catch {
    // variables nested too deep to serialize: not kept (Apollo answers them with its own error)
    return null
  }
}

const SIMPLE_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'])
/** Apollo Server's CSRF rule: a request a plain browser form could not send (a non-simple type, or a preflight header). */
function csrfSafe(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (type && !SIMPLE_TYPES.has(type)) return true
  return ['x-apollo-operation-name', 'apollo-require-preflight'].some((h) => !!req.headers[h])
}
