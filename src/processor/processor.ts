import { EvmBatchProcessor } from '@subsquid/evm-processor'
import type { NetworkConfig } from '../config/network'
import { ABIS, topicsOf } from '../contracts/abis'
import { addressesOf, CONFIGURED_ROLES } from '../contracts/roles'
import { emptyFollowed, type Followed } from '../mappings/shared/follows'
import { FIELDS } from '../mappings/shared/types'
import { serveProcessorMetrics } from '../sdk/prometheus'
import { serveMetrics } from './metricsServer'

/** Builds the processor for one network file: which logs to fetch, from where, with what finality. */
const TRANSFER = ABIS.gpuVaults.events.Transfer.topic // the ERC-20 Transfer

export function buildProcessor(
  config: NetworkConfig,
  opts: { prometheusPort?: number; prometheusHost?: string; tokenWildcard?: boolean } = {},
  followed: Followed = emptyFollowed(),
) {
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
  // Addresses found on chain (follows.ts): never a wildcard, so the handler receives our logs only.
  const tokens = (standard: string) => [...followed.tokens].filter(([, s]) => s === standard).map(([a]) => a)
  const deai = tokens('DEAI')
  if (deai.length) p.addLog({ address: deai, topic0: topicsOf('modelToken') })
  const erc7641 = tokens('ERC7641')
  if (erc7641.length) {
    p.addLog({ address: erc7641, topic0: topicsOf('erc7641Token') })
    // their claims, burns and revenue have no log: the transactions to them (only to them)
    p.addTransaction({ to: erc7641 })
  }
  // earlier versions' subscription, kept for the benchmark's before/after: every address's token topics
  if (opts.tokenWildcard && config.contracts.modelTokenFactory) p.addLog({ topic0: topicsOf('modelToken') })
  // a vault's asset: its transfers to and from the vault (how yield reaches a plain ERC-4626 vault)
  for (const [vault, asset] of followed.vaultAssets) {
    const topic = `0x${vault.slice(2).padStart(64, '0')}`
    p.addLog({ address: [asset], topic0: [TRANSFER], topic1: [topic] })
    p.addLog({ address: [asset], topic0: [TRANSFER], topic2: [topic] })
  }
  return p
}

export type Processor = ReturnType<typeof buildProcessor>
