import type { ApiMetrics } from '../graphql/metrics'
import { send, type Route } from '../http/respond'

/** GET /metrics: Prometheus text. */
export function metricsRoute(metrics: ApiMetrics): Route {
  return {
    method: 'GET',
    path: /^\/metrics$/,
    async handle(_req, res) {
      send(res, 200, metrics.registry.contentType, await metrics.registry.metrics())
    },
  }
}
