import {
  EvmBatchProcessor,
  type DataHandlerContext,
  type Log as _Log,
  type BlockHeader as _BlockHeader,
} from '@subsquid/evm-processor'
import type { Store } from '@subsquid/typeorm-store'
import type { NetworkConfig } from '../config/network'
import * as gpuRegistryAbi from '../abi/gpuRegistry'
import * as computeLedgerAbi from '../abi/computeLedger'
import * as gpuVaultAbi from '../abi/gpuVault'
import * as factoryAbi from '../abi/modelTokenFactory'
import * as routerAbi from '../abi/inferenceRouter'
import * as dataAbi from '../abi/dataRegistry'
import * as provenanceAbi from '../abi/provenanceRegistry'
import { TOKEN_TOPICS } from '../mappings/model/tokens'
import type { Registry } from 'prom-client'
import { serveMetrics } from './metricsServer'
import { retryFlakyRpc } from './rpcRetry'

/** Builds the processor for one network file: which logs to fetch, from where, with what finality. */

export const FIELDS = {
  log: { transactionHash: true, topics: true, data: true },
  block: { timestamp: true },
} as const

export function buildProcessor(config: NetworkConfig, opts: { prometheusPort?: number; prometheusHost?: string } = {}) {
  retryFlakyRpc()
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
  // The SDK's metrics registry, served by our own server (metricsServer.ts says why). The SDK keeps
  // one PrometheusServer per processor; `registry` and `serve` are its (pinned) internals.
  type Prom = { registry: Registry; serve(): Promise<unknown> }
  const prom = (p as unknown as { getPrometheusServer(): Prom }).getPrometheusServer()
  prom.serve = () => serveMetrics(prom.registry, opts.prometheusPort ?? 0, opts.prometheusHost ?? '127.0.0.1')
  const c = config.contracts
  // Every topic of the role, so a log we cannot decode still reaches us and is recorded as rejected.
  const topics = (events: Record<string, { topic: string }>) => Object.values(events).map((e) => e.topic)
  const roles: [string[], string[]][] = [
    [c.gpuRegistry ? [c.gpuRegistry] : [], topics(gpuRegistryAbi.events)],
    [c.computeLedger ? [c.computeLedger] : [], topics(computeLedgerAbi.events)],
    [c.gpuVaults, topics(gpuVaultAbi.events)],
    [c.modelTokenFactory ? [c.modelTokenFactory] : [], topics(factoryAbi.events)],
    [c.inferenceRouter ? [c.inferenceRouter] : [], topics(routerAbi.events)],
    [c.dataRegistry ? [c.dataRegistry] : [], topics(dataAbi.events)],
    [c.provenanceRegistry ? [c.provenanceRegistry] : [], topics(provenanceAbi.events)],
  ]
  for (const [address, topic0] of roles) if (address.length) p.addLog({ address, topic0 })
  // Factory pattern: tokens are not known in advance, so their topics are fetched from every address
  // and the handler keeps the logs of tokens the factory created (src/mappings/model/tokens.ts).
  if (c.modelTokenFactory) p.addLog({ topic0: TOKEN_TOPICS })
  return p
}

export type Processor = ReturnType<typeof buildProcessor>
export type Fields = typeof FIELDS extends infer F ? F : never
export type Ctx = DataHandlerContext<Store, typeof FIELDS>
export type Log = _Log<typeof FIELDS>
export type BlockHeader = _BlockHeader<typeof FIELDS>
