import type { Route } from '../http/respond'
import { sendJson } from '../http/respond'
import { healthOf, type IndexerStatusReport } from '../sql/status'

/** GET /health: 200 while ok, syncing or starting; 503 when stalled or when the database did not answer. */
export function healthRoute(status: () => Promise<IndexerStatusReport>, stallAfterSec: number): Route {
  return {
    method: 'GET',
    path: /^\/health$/,
    async handle(_req, res) {
      try {
        const s = await status()
        const health = healthOf(s, stallAfterSec)
        sendJson(res, health === 'stalled' ? 503 : 200, { status: health, ...s })
      } catch {
        sendJson(res, 503, {
          status: 'database unavailable',
          indexedHeight: null,
          finalizedHeight: null,
          chainHeight: null,
          lagBlocks: null,
        })
      }
    },
  }
}
