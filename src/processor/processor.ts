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

/** Builds the processor for one network file: which logs to fetch, from where, with what finality. */

export const FIELDS = {
  log: { transactionHash: true, topics: true, data: true },
  block: { timestamp: true },
} as const

export function buildProcessor(config: NetworkConfig, opts: { prometheusPort?: number } = {}) {
  const p = new EvmBatchProcessor()
    .setRpcEndpoint({
      url: config.rpcUrl,
      rateLimit: 1000,
      maxBatchCallSize: 200,
      requestTimeout: 30_000,
      retryAttempts: Number.MAX_SAFE_INTEGER,
    })
    .setRpcDataIngestionSettings({ headPollInterval: 500 })
    .setFinalityConfirmation(config.finalityConfirmation)
    .setFields(FIELDS)
    .setBlockRange({ from: config.fromBlock, to: config.toBlock ?? undefined })
  if (config.gatewayUrl) p.setGateway(config.gatewayUrl)
  if (opts.prometheusPort != null) p.setPrometheusPort(opts.prometheusPort)
  const c = config.contracts
  if (c.gpuRegistry) {
    // Every topic of the role, so a log we cannot decode still reaches us and is recorded as rejected.
    p.addLog({ address: [c.gpuRegistry], topic0: Object.values(gpuRegistryAbi.events).map((e) => e.topic) })
  }
  if (c.computeLedger) {
    p.addLog({ address: [c.computeLedger], topic0: Object.values(computeLedgerAbi.events).map((e) => e.topic) })
  }
  return p
}

export type Processor = ReturnType<typeof buildProcessor>
export type Fields = typeof FIELDS extends infer F ? F : never
export type Ctx = DataHandlerContext<Store, typeof FIELDS>
export type Log = _Log<typeof FIELDS>
export type BlockHeader = _BlockHeader<typeof FIELDS>
