import type { Registry } from 'prom-client'

/**
 * The SDK keeps one metrics server per processor, reached through `getPrometheusServer()`; its
 * `registry` and `serve` are internals of @subsquid/evm-processor (version checked at start,
 * src/sdk/index.ts). `serveWith` replaces how that registry is served, keeping its metrics.
 */
export function serveProcessorMetrics(processor: object, serve: (registry: Registry) => Promise<unknown>): void {
  type Prom = { registry: Registry; serve(): Promise<unknown> }
  const prom = (processor as { getPrometheusServer(): Prom }).getPrometheusServer()
  prom.serve = () => serve(prom.registry)
}
