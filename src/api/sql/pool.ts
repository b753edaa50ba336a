import pg from 'pg'
import { READER_ROLE } from '../../postgres/roles'
import { Lane } from './lane'

/**
 * The API's connection pool. Every session is read-only and has a statement timeout, so no resolver
 * can write, and no query can hold the database for long. Each new session also switches to the
 * reader role when the login may use it, so a write would lack the privilege as well.
 */
export function createReadPool(
  databaseUrl: string,
  opts: { max?: number; statementTimeoutMs?: number; connectionTimeoutMs?: number } = {},
): pg.Pool {
  const statementTimeoutMs = opts.statementTimeoutMs ?? 5000
  const pool = new pg.Pool({
    Client: ReaderClient,
    connectionString: databaseUrl,
    max: opts.max ?? 10,
    options: `-c default_transaction_read_only=on -c statement_timeout=${statementTimeoutMs}`,
    // A database that hangs (stopped, not down) answers neither: waiting for a connection and for a
    // statement's answer are both bounded on our side, and both end as SERVICE_UNAVAILABLE.
    connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5000,
    query_timeout: statementTimeoutMs + 1000,
  })
  // An idle client losing its connection (database restart) must not crash the server.
  pool.on('error', () => {})
  return pool
}

/**
 * A connection that switches to the reader role right after connecting, before the pool hands it
 * out, when the login may use it. Without the role (migrations not run yet, or run by a user without
 * CREATEROLE) the session stays read-only as before.
 */
class ReaderClient extends pg.Client {
  connect(): Promise<pg.Client>
  connect(callback: (err: Error | null, client?: pg.Client) => void): void
  connect(callback?: (err: Error | null, client?: pg.Client) => void): Promise<pg.Client> | void {
    const ready = super.connect().then(async () => {
      await super
        .query(
          `SELECT set_config('role', $1, false) FROM pg_roles
            WHERE rolname = $1 AND pg_has_role(current_user, oid, 'MEMBER')`,
          [READER_ROLE],
        )
        .catch(() => undefined)
      return this as pg.Client
    })
    if (!callback) return ready
    ready.then((c) => callback(null, c), callback)
  }
}

/** numeric columns come back as strings: keep them so (exact money). int8 too. */
export type Db = Pick<pg.Pool, 'query'>

/**
 * The pool as resolvers see it, with an optional hook told of every SQL statement and how long it
 * took (tests count statements; the API benchmark sums SQL time per request).
 */
export function observed(pool: Db, onQuery?: (sql: string, ms: number) => void): Db {
  if (!onQuery) return pool
  return {
    query: (async (text: unknown, ...rest: unknown[]) => {
      const t0 = performance.now()
      try {
        return await (pool.query as (...a: unknown[]) => Promise<unknown>)(text, ...rest)
      } finally {
        onQuery(typeof text === 'string' ? text : String((text as { text?: string })?.text), performance.now() - t0)
      }
    }) as Db['query'],
  }
}

/**
 * Statements as named (prepared) statements: each pooled connection plans a statement text once
 * and reuses the plan, instead of planning every request anew (about 1 ms of a page's 5). Our
 * statement texts come from fixed templates, so they are few; still, at most `max` distinct texts
 * are prepared per process, and any beyond run unnamed, so a client varying its arguments cannot
 * fill the database's memory with plans.
 */
export function prepared(db: Db, max = 500): Db {
  const names = new Map<string, string>()
  return {
    query: ((text: unknown, ...rest: unknown[]) => {
      if (typeof text !== 'string') return (db.query as (...a: unknown[]) => unknown)(text, ...rest)
      let name = names.get(text)
      if (!name && names.size < max) names.set(text, (name = `s${names.size}`))
      const values = rest[0]
      return (db.query as (...a: unknown[]) => unknown)(
        name ? { name, text, values } : text,
        ...rest.slice(name ? 1 : 0),
      )
    }) as Db['query'],
  }
}

/** Errors that mean the database is unreachable or overloaded, not that the request is wrong. */
export function isUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null
  if (!err) return false
  // refused, admin shutdown, starting up, too many connections, statement timeout
  if (['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '53300', '57014'].includes(err.code ?? '')) return true
  return /timeout exceeded when trying to connect|Query read timeout|Connection terminated/.test(err.message ?? '')
}

/**
 * A request's view of the pool: at most `max` of its statements run at once, so one request with
 * many aliased fields cannot take every connection while other clients wait.
 */
export function limited(db: Db, max: number): Db {
  const lane = new Lane(max)
  return {
    query: (async (...args: unknown[]) => {
      const leave = await lane.enter()
      try {
        return await (db.query as (...a: unknown[]) => Promise<unknown>)(...args)
      } finally {
        leave()
      }
    }) as Db['query'],
  }
}
