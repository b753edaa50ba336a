import { HeaderMap } from '@apollo/server'
import type { Apollo } from '../graphql/apollo'
import { createContext } from '../graphql/common/context'
import { readBody, sendGraphqlError, type Route } from '../http/respond'
import type { Db } from '../sql/pool'
import type { Ide } from './ide'

const MAX_BODY = 1024 * 1024
/** A response larger than this is replaced by a RESPONSE_TOO_LARGE error (docs/api.md, "Limits"). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024

/** /graphql: GraphQL over HTTP (GET and POST); a browser's plain GET gets the IDE when there is one. */
export function graphqlRoute(opts: { apollo: Apollo; db: Db; ide: Ide | null; maxResponseBytes: number }): Route {
  const { apollo, db, maxResponseBytes } = opts
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
      const headers = new HeaderMap()
      for (const [k, v] of Object.entries(req.headers))
        if (v != null) headers.set(k, Array.isArray(v) ? v.join(', ') : v)
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => createContext(db),
      })
      for (const [k, v] of result.headers) res.setHeader(k, v)
      res.statusCode = result.status ?? 200
      if (result.body.kind === 'complete') {
        if (Buffer.byteLength(result.body.string) <= maxResponseBytes) return void res.end(result.body.string)
        const message = `the response is over ${maxResponseBytes} bytes; ask for fewer items or fields, or page with first/after`
        return sendGraphqlError(res, 400, 'RESPONSE_TOO_LARGE', message)
      }
      for await (const chunk of result.body.asyncIterator) res.write(chunk)
      res.end()
    },
  }
}
