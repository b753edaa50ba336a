import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Registry } from 'prom-client'

/**
 * The processor's Prometheus endpoint, in place of the SDK's own server (which listens on every
 * interface, answers malformed paths with a stack trace and keeps slow clients forever): loopback
 * by default (PROCESSOR_PROMETHEUS_HOST to change that), `GET /metrics` only, plain errors, and the
 * API's slow-client timeouts.
 *
 * One endpoint per process: a processor that replaces another in the same process (to follow new
 * addresses, main.ts) has its own registry, which the endpoint serves from then on.
 */
type Served = Promise<{ port: number; close(): Promise<void> }>
let endpoint: { registry: Registry; server?: Served } | undefined

export function serveMetrics(registry: Registry, port: number, host: string): Served {
  if (!endpoint) {
    const current: { registry: Registry; server?: Served } = { registry }
    current.server = listen(() => current.registry, port, host)
    endpoint = current
  }
  endpoint.registry = registry
  return endpoint.server!
}

async function listen(
  registryNow: () => Registry,
  port: number,
  host: string,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer(
    { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 },
    (req, res) => {
      const path = (req.url ?? '').split('?')[0]
      const reply = (status: number, type: string, body: string) => {
        res.statusCode = status
        res.setHeader('content-type', type)
        res.end(body)
      }
      if (path !== '/metrics' || req.method !== 'GET') return reply(404, 'text/plain', 'not found: GET /metrics\n')
      const registry = registryNow()
      registry.metrics().then(
        (text) => reply(200, registry.contentType, text),
        () => reply(500, 'text/plain', 'metrics unavailable\n'),
      )
    },
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
