import { RpcClient, RpcProtocolError } from '@subsquid/rpc-client'
import { HttpError } from '@subsquid/http-client'

/**
 * Makes the SDK's RPC client retry what a flaky provider throws at it, not only what it already
 * retries (connection errors, timeouts, HTTP 429/502/503/504):
 *
 * - any HTTP 5xx (a load balancer's 500 is as transient as its 502);
 * - protocol violations: a body that is not JSON, a batch answered with too few or unknown items.
 *
 * The request goes back on the client's queue with its backoff, as with a dropped connection, so the
 * processor keeps going instead of exiting; a batch is only handed to us once every call in it has
 * a valid answer. JSON-RPC errors proper (`error` in a valid response) are left as they are: the
 * SDK handles those (range splitting, for example).
 *
 * This patches `isConnectionError` of @subsquid/rpc-client 4.14 (pinned in package.json);
 * test/e2e/rpcFaults.test.ts checks that a run through a fault-injecting proxy ends in the state of a
 * clean one.
 */
let patched = false

export function retryFlakyRpc(): void {
  if (patched) return
  patched = true
  const proto = RpcClient.prototype as unknown as { isConnectionError(err: unknown): boolean }
  const original = proto.isConnectionError
  proto.isConnectionError = function (this: unknown, err: unknown): boolean {
    if (original.call(this, err)) return true
    if (err instanceof RpcProtocolError) return true
    return err instanceof HttpError && err.response.status >= 500
  }
}
