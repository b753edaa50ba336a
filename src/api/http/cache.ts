import crypto from 'node:crypto'
import type http from 'node:http'
import type { Db } from '../sql/pool'
import { ifNoneMatch } from './static'

/**
 * The response cache (docs/api.md, "Response cache"). An answer depends only on the request and on
 * what is indexed, so a response is kept until the index changes: on every request the cache reads
 * the index's stamp (each chain's indexed height and the time of its last batch, one small
 * statement), and a stamp unlike the last one drops every entry. A new block, a rollback and a
 * re-index each write that row, so each drops the cache. Entries are kept by least recent use,
 * within a byte budget.
 */
export interface CachedResponse {
  status: number
  type: string
  body: Buffer
  etag: string
  headers: Record<string, string>
  /** sent, not kept (an answer with errors) */
  noStore?: boolean
}

export type CacheResult = 'hit' | 'miss' | 'bypass'

/** The index's stamp: one row per chain, rewritten by every batch of its processor (processor/handler.ts). */
export async function indexStamp(db: Db): Promise<string | null> {
  try {
    const { rows } = await db.query({
      name: 'index-stamp',
      text: `SELECT coalesce(string_agg(chain_id || ':' || indexed_height || ':' || (extract(epoch FROM updated_at) * 1000)::bigint,
                                        ',' ORDER BY chain_id), '') AS s FROM indexer_state`,
    })
    return rows[0].s
  } catch (e) {
    // before the first migration: nothing to cache against
    if ((e as { code?: string }).code === '42P01') return null
    throw e
  }
}

export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>()
  private bytes = 0
  private stamp: string | null = null

  constructor(
    readonly maxBytes: number,
    private readonly readStamp: () => Promise<string | null>,
    private readonly onResult: (route: string, result: CacheResult) => void = () => {},
  ) {}

  get size(): number {
    return this.entries.size
  }
  get usedBytes(): number {
    return this.bytes
  }

  /** The stamp now; a changed one empties the cache. Null (none, or unreadable): do not cache. */
  private async current(): Promise<string | null> {
    // a database that does not answer: the request goes through, and gets the resolvers' own error
    const s = await this.readStamp().catch(() => null)
    if (s !== this.stamp) {
      this.entries.clear()
      this.bytes = 0
      this.stamp = s
    }
    return s
  }

  /**
   * The cached response of `key`, or a fresh one from `compute` (kept when it is a 200, fits, and
   * the index did not change while it was computed). A null key: neither read nor kept.
   */
  async serve(
    route: string,
    key: string | null,
    compute: () => Promise<CachedResponse | null>,
  ): Promise<{ response: CachedResponse | null; result: CacheResult }> {
    if (key == null || this.maxBytes <= 0) return this.done(route, await compute(), 'bypass')
    const before = await this.current()
    if (before == null) return this.done(route, await compute(), 'bypass')
    const hit = this.entries.get(key)
    if (hit) {
      // least recently used goes first: re-insert at the end
      this.entries.delete(key)
      this.entries.set(key, hit)
      return this.done(route, hit, 'hit')
    }
    const response = await compute()
    if (response && response.status === 200 && !response.noStore && (await this.current()) === before) {
      this.put(key, response)
    }
    return this.done(route, response, 'miss')
  }

  private done(route: string, response: CachedResponse | null, result: CacheResult) {
    this.onResult(route, result)
    return { response, result }
  }

  private put(key: string, r: CachedResponse) {
    const size = r.body.length + key.length
    // one entry may take an eighth of the budget, so a few large answers cannot evict everything
    if (size > this.maxBytes / 8) return
    this.entries.set(key, r)
    this.bytes += size
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(k)
      this.bytes -= v.body.length + k.length
    }
  }
}

/** A response to keep: its ETag is the hash of its bytes, so equal answers have equal tags. */
export function cachedResponse(
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): CachedResponse {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  const etag = `"${crypto.createHash('sha1').update(bytes).digest('base64url')}"`
  return { status, type, body: bytes, etag, headers }
}

/**
 * Sends a response, marked with how the cache answered (`x-cache`). A GET carries its ETag, and a
 * client that has this version gets a 304 without the body.
 */
export function sendResponse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  r: CachedResponse,
  result: CacheResult,
): void {
  for (const [k, v] of Object.entries(r.headers)) res.setHeader(k, v)
  res.setHeader('x-cache', result)
  if (req.method === 'GET' && r.status === 200) {
    res.setHeader('etag', r.etag)
    res.setHeader('cache-control', 'no-cache')
    if (ifNoneMatch(req.headers['if-none-match'], r.etag)) {
      res.statusCode = 304
      return void res.end()
    }
  }
  res.statusCode = r.status
  res.setHeader('content-type', r.type)
  res.end(r.body)
}
