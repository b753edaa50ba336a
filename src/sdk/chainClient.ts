import type { RpcClient } from '@subsquid/rpc-client'

/**
 * The processor's own RPC client, as the batch context hands it over (`ctx._chain.client`). The SDK
 * types it as a bare interface without call options; it is the @subsquid/rpc-client instance built from
 * setRpcEndpoint (rate limit, retries, maxBatchCallSize: evm-processor 1.27's getChainRpcClient), so
 * state reads share its queue and its retries. Checked by the state-read tests (test/e2e/standards.test.ts).
 */
export function chainClient(ctx: { _chain: { client: unknown } }): RpcClient {
  return ctx._chain.client as RpcClient
}
