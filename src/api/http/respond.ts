import type http from 'node:http'

/** What every route shares: the request target parsed, responses and errors sent one way. */

/** Path and query of a request target. */
export interface RequestUrl {
  pathname: string
  search: string
  searchParams: URLSearchParams
}

/** The target's path and query, or null when it is not one (`//%%%/` made `new URL` throw). */
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

/** A plain route: the method and path it answers (the path's groups reach the handler), and the handler. */
export interface Route {
  method: 'GET' | 'ANY'
  path: RegExp
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: RequestUrl, match: RegExpExecArray): Promise<void>
}

export function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.statusCode = status
  res.setHeader('content-type', type)
  res.end(body)
}

export function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json', JSON.stringify(value))
}

/** A plain route's error, typed as GraphQL errors are: `{ error: { code, message, argument? } }`. */
export function sendError(res: http.ServerResponse, status: number, code: string, message: string, argument?: string) {
  sendJson(res, status, { error: { code, message, ...(argument ? { argument } : {}) } })
}

/** A GraphQL transport error: `{ errors: [{ message, extensions: { code } }] }`. */
export function sendGraphqlError(res: http.ServerResponse, status: number, code: string, message: string) {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] })
}

/** The HTTP status of an error code. */
export function statusOf(code: string): number {
  if (code === 'NOT_FOUND') return 404
  if (code === 'INTERNAL_SERVER_ERROR') return 500
  if (code === 'SERVICE_UNAVAILABLE') return 503
  return 400
}

/** The first error of a GraphQL result, sent by a plain route with its HTTP status. */
export function sendResultError(
  res: http.ServerResponse,
  e: { message: string; extensions?: Record<string, unknown> },
): void {
  const code = String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')
  sendError(res, statusOf(code), code, e.message, e.extensions?.argument as string | undefined)
}

/** The body as text, or null when it is over `limit` bytes. */
export function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
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

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([p, late]).finally(() => clearTimeout(timer))
}
