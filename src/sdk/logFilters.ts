import { RpcError } from '@subsquid/rpc-client'
import { Rpc } from '@subsquid/evm-processor/lib/ds-rpc/rpc'
import { Log as LogSchema } from '@subsquid/evm-processor/lib/ds-rpc/rpc-data'

/**
 * Over RPC, asks the node for the logs the processor subscribes to, not for every log of the chain.
 * The SDK's RPC source calls `eth_getLogs` for a block range with no address or topic, parses every
 * log of every block and then keeps the ones the subscription names: on a mainnet-shaped chain that
 * is hundreds of foreign logs per block, and parsing them was the processor's largest cost
 * (docs/processor.md, "What is fetched"). Here each distinct filter of the subscription goes to the
 * node as its own `eth_getLogs` (addresses and topics), in one JSON-RPC batch per range; the SDK's own
 * filtering still runs on the answer, so the handler receives exactly what it received before.
 *
 Only finalized ranges are fetched this way. The SDK checks a full answer against each block's logs
 * bloom (a block whose bloom is not empty must return some log), which catches a node whose log index
 * lags its blocks or answers from another fork; a filtered answer cannot be checked so. Finalized
 * blocks have neither risk, and a log whose block hash is not the fetched block's at its height still
 * marks that block for refetching. Hot blocks (within finalityConfirmation of the head, one or a few
 * per batch) keep the SDK's full fetch and its check.
 *
 * When the subscription needs every log of a transaction (a request with `transactionLogs`, or
 * transactions with their logs), or has a request with neither address nor topic, the SDK's full fetch
 * is kept too. A range whose answer is too big for the node is split in two, as the SDK does.
 *
 * This wraps `Rpc.addRequestedData` of @subsquid/evm-processor 1.27.3 (the version is checked at start,
 * src/sdk/index.ts). test/e2e/follow.test.ts counts the logs that reach the handler.
 */
interface LogRequest {
  address?: string[]
  topic0?: string[]
  topic1?: string[]
  topic2?: string[]
  topic3?: string[]
  transactionLogs?: boolean
}
interface DataRequest {
  logs?: LogRequest[]
  transactions?: { logs?: boolean }[]
  traces?: { transactionLogs?: boolean }[]
}
interface RpcBlock {
  height: number
  hash: string
  logs?: unknown[]
  _isInvalid?: boolean
  _errorMessage?: string
}
interface MappingRequest {
  logs: boolean
  dataRequest: DataRequest
}
interface RpcLog {
  blockNumber: string
  blockHash: string
  logIndex: string
}
interface RpcInternals {
  batchCall(calls: { method: string; params: unknown[] }[], options: unknown): Promise<unknown[]>
  call(method: string, params: unknown[], options: unknown): Promise<unknown>
  addRequestedData(blocks: RpcBlock[], req: MappingRequest, finalizedHeight?: number): Promise<void>
}

/** An `eth_getLogs` filter without its range: addresses (undefined: any) and the four topic positions. */
export interface NodeFilter {
  address?: string[]
  topics: (string[] | null)[]
}

/**
 * The node filters that cover every log request, or undefined when the requests cannot be covered
 * without fetching every log. Requests that differ only in addresses or topic0 share one filter (its
 * answer is a superset of theirs, which the SDK's own filter then narrows).
 */
export function nodeFilters(req: DataRequest): NodeFilter[] | undefined {
  if (req.transactions?.some((t) => t.logs) || req.traces?.some((t) => t.transactionLogs)) return undefined
  const groups = new Map<
    string,
    { address: Set<string> | undefined; topic0: Set<string> | undefined; rest: (string[] | null)[] }
  >()
  for (const r of req.logs ?? []) {
    if (r.transactionLogs) return undefined
    if (r.address?.length === 0 || r.topic0?.length === 0) continue // matches nothing
    if (!r.address && !r.topic0 && !r.topic1 && !r.topic2 && !r.topic3) return undefined
    const rest = [r.topic1, r.topic2, r.topic3].map((t) => (t ? [...t].sort() : null))
    const key = JSON.stringify(rest)
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { address: new Set(), topic0: new Set(), rest }))
    if (!r.address) g.address = undefined
    else if (g.address) for (const a of r.address) g.address.add(a)
    if (!r.topic0) g.topic0 = undefined
    else if (g.topic0) for (const t of r.topic0) g.topic0.add(t)
  }
  return [...groups.values()].map((g) => {
    const topics: (string[] | null)[] = [g.topic0 ? [...g.topic0].sort() : null, ...g.rest]
    while (topics.length && topics[topics.length - 1] == null) topics.pop()
    return { ...(g.address ? { address: [...g.address].sort() } : {}), topics }
  })
}

const qty = (n: number) => `0x${n.toString(16)}`

function validLogs(result: unknown): RpcLog[] {
  if (!Array.isArray(result)) throw new Error('server returned unexpected result: eth_getLogs answered no array')
  for (const log of result) {
    const err = LogSchema.validate(log)
    if (err) throw new Error(`server returned unexpected result: ${err.toString()}`)
  }
  return result as RpcLog[]
}

/** The SDK's test for "the answer is too big, ask for a smaller range". */
function tooBig(err: unknown): boolean {
  return err instanceof RpcError && /query returned more than|response is too big/i.test(err.message)
}

/** The logs of `filters` over [from, to]: one JSON-RPC batch, each too-big range split in two. */
async function fetchLogs(rpc: RpcInternals, filters: NodeFilter[], from: number, to: number): Promise<RpcLog[]> {
  const answers = await rpc.batchCall(
    filters.map((f) => ({ method: 'eth_getLogs', params: [{ fromBlock: qty(from), toBlock: qty(to), ...f }] })),
    {
      validateResult: validLogs,
      // a too-big answer comes back as this item's value, to be split below
      validateError: (info: { code: number; message: string; data?: unknown }) => {
        const err = new RpcError(info)
        if (tooBig(err)) return err
        throw err
      },
    },
  )
  const out: RpcLog[] = []
  const split: NodeFilter[] = []
  answers.forEach((a, i) => (a instanceof RpcError ? split.push(filters[i]) : out.push(...(a as RpcLog[]))))
  if (split.length) {
    if (from === to) throw new Error(`eth_getLogs: the answer for block ${from} alone is too big for the node`)
    const mid = Math.floor((from + to) / 2)
    out.push(...(await fetchLogs(rpc, split, from, mid)), ...(await fetchLogs(rpc, split, mid + 1, to)))
  }
  return out
}

let patched = false

export function fetchSubscribedLogsOnly(): void {
  if (patched) return
  patched = true
  const proto = Rpc.prototype as unknown as RpcInternals
  const original = proto.addRequestedData
  proto.addRequestedData = async function (this: RpcInternals, blocks, req, finalizedHeight) {
    // the SDK passes a finalized height only for hot blocks (getHotSplit, getColdBlock); cold splits have none
    const cold = finalizedHeight === undefined
    const filters = cold && req.logs && blocks.length ? nodeFilters(req.dataRequest) : undefined
    if (!filters) return original.call(this, blocks, req, finalizedHeight)
    const rest = original.call(this, blocks, { ...req, logs: false }, finalizedHeight)
    const logs = filters.length
      ? await fetchLogs(this, filters, blocks[0].height, blocks[blocks.length - 1].height)
      : []
    // one log may answer several filters: keep it once, in the block's order
    const byBlock = new Map<string, Map<string, RpcLog>>()
    for (const log of logs) {
      let m = byBlock.get(log.blockHash)
      if (!m) byBlock.set(log.blockHash, (m = new Map()))
      m.set(log.logIndex, log)
    }
    const heights = new Map(blocks.map((b) => [b.height, b]))
    for (const log of logs) {
      const block = heights.get(Number(log.blockNumber))
      if (block && block.hash !== log.blockHash) {
        block._isInvalid = true
        block._errorMessage = `eth_getLogs answered for block ${log.blockHash}, not ${block.hash}, at height ${block.height}`
      }
    }
    for (const block of blocks) {
      const m = byBlock.get(block.hash)
      block.logs = m ? [...m.values()].sort((a, b) => Number(a.logIndex) - Number(b.logIndex)) : []
    }
    await rest
  }
}
