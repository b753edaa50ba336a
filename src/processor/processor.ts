import { EvmBatchProcessor } from '@subsquid/evm-processor'
import type { NetworkConfig } from '../config/network'
import { topicsOf } from '../contracts/abis'
import { addressesOf, CONFIGURED_ROLES } from '../contracts/roles'
import { FIELDS } from '../mappings/shared/types'
import { serveProcessorMetrics } from '../sdk/prometheus'
import { serveMetrics } from './metricsServer'

/** Builds the processor for one network file: which logs to fetch, from where, with what finality. */

export function buildProcessor(config: NetworkConfig, opts: { prometheusPort?: number; prometheusHost?: string } = {}) {
  const p = new EvmBatchProcessor()
    .setRpcEndpoint({
      url: config.rpcUrl,
      rateLimit: 1000,
      maxBatchCallSize: 200,
      requestTimeout: config.rpcTimeoutMs,
      retryAttempts: Number.MAX_SAFE_INTEGER,
    })
    .setRpcDataIngestionSettings({ headPollInterval: 500 })
    .setFinalityConfirmation(config.finalityConfirmation)
    .setFields(FIELDS)
    .setBlockRange({ from: config.fromBlock, to: config.toBlock ?? undefined })
  if (config.gatewayUrl) p.setGateway(config.gatewayUrl)
  if (opts.prometheusPort != null) p.setPrometheusPort(opts.prometheusPort)
  // The SDK's metrics, served by our own server (metricsServer.ts says why).
  serveProcessorMetrics(p, (registry) =>
    serveMetrics(registry, opts.prometheusPort ?? 0, opts.prometheusHost ?? '127.0.0.1'),
  )
  // Every topic of each configured role, so a log we cannot decode still reaches us and is recorded as rejected.
  for (const role of CONFIGURED_ROLES) {
    const address = addressesOf(config.contracts, role)
    if (address.length) p.addLog({ address, topic0: topicsOf(role) })
  }
  // Factory pattern: tokens are not known in advance, so their topics are fetched from every address
  // and the model domain keeps the logs of tokens the factory created (src/mappings/model/tokens.ts).
  if (config.contracts.modelTokenFactory) p.addLog({ topic0: topicsOf('modelToken') })
  return p
}

export type Processor = ReturnType<typeof buildProcessor>
