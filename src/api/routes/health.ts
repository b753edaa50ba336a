import type { Route } from '../http/respond'
import { sendJson } from '../http/respond'
import { chainHealths, mostLagging, overallHealth, type ChainStatusReport } from '../sql/status'

/**
 * GET /health: 200 while every chain is ok, syncing or starting; 503 when one is stalled or when the
 * database did not answer. The top-level heights are those of the chain that lags most; `chains`
 * has each chain's own.
 */
export function healthRoute(status: () => Promise<ChainStatusReport[]>, stallAfterSec: number): Route {
  return {
    method: 'GET',
    path: /^\/health$/,
    async handle(_req, res) {
      try {
        const chains = chainHealths(await status(), stallAfterSec)
        const health = overallHealth(chains)
        sendJson(res, health === 'stalled' ? 503 : 200, {
          status: health,
          ...mostLagging(chains),
          chains: chains.map(({ health: h, processor, ...c }) => ({
            ...c,
            status: h,
            healthy: h !== 'stalled',
            processor,
          })),
        })
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
