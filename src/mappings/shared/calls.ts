import type { RpcErrorInfo } from '@subsquid/rpc-client/lib/interfaces'
import { chainClient } from '../../sdk/chainClient'
import type { Ctx } from './types'

/**
 * State reads: `eth_call` at a block, for exactly the functions the roles name (src/contracts/roles.ts,
 * `calls`). A batch's reads go out together, as one JSON-RPC batch (split by the client's
 * maxBatchCallSize), through the processor's own RPC client, so they are retried and rate limited like
 * every other request. A call that reverts, or that reaches an address without code, answers null
 * ("unknown"); it never fails the batch. Any other error does fail it, and the processor retries. A
 * node that no longer has the block's state (a full node keeps the last ~128 blocks) fails it with
 * a message that says so: indexing from history needs an archive node (docs/interface.md).
 */
export interface Call {
  to: string
  data: string
  block: number
}

export async function ethCalls(ctx: Ctx, calls: Call[]): Promise<(string | null)[]> {
  if (calls.length === 0) return []
  const newest = ctx.blocks[ctx.blocks.length - 1]?.header.height ?? -1
  for (const c of calls) {
    // never ask the chain about a block the batch has not reached (docs/interface.md, "State reads")
    if (c.block > newest) throw new Error(`state read at block ${c.block}, after the batch's last block ${newest}`)
  }
  const answers: (string | null)[] = await chainClient(ctx).batchCall(
    calls.map((c) => ({ method: 'eth_call', params: [{ to: c.to, data: c.data }, `0x${c.block.toString(16)}`] })),
    {
      validateResult: (r: unknown) => (typeof r === 'string' && r.length > 2 ? r : null),
      validateError: (info: RpcErrorInfo, call: { params?: unknown[] }) => {
        if (isExecutionError(info)) return null
        if (isStateMissing(info))
          throw new Error(
            `the node at rpcUrl has no state at block ${Number(call.params?.[1])} (${info.message}): ` +
              'reading contract state from history needs an archive node (docs/interface.md, "State reads")',
          )
        throw new Error(`eth_call failed: ${info.message} (code ${info.code})`)
      },
    },
  )
  return answers
}

/** The node has pruned the state of that block (geth, erigon, nethermind, reth and anvil wordings). */
function isStateMissing(info: RpcErrorInfo): boolean {
  return /missing trie node|historical state|state .*not available|state histor|pruned|BlockOutOfRange|header not found/i.test(
    info.message,
  )
}

/** The node ran the call and it failed: a revert, an invalid opcode, out of gas. */
function isExecutionError(info: RpcErrorInfo): boolean {
  return (
    info.code === 3 || /revert|invalid opcode|out of gas|stack underflow|invalid jump|execution/i.test(info.message)
  )
}

/** Reads that can be made at once and handed back to each asker: collect, then `run`. */
export class CallSet {
  private readonly calls: Call[] = []
  private readonly waiting: ((answer: string | null) => void)[] = []

  add(call: Call, onAnswer: (answer: string | null) => void): void {
    this.calls.push(call)
    this.waiting.push(onAnswer)
  }

  get size(): number {
    return this.calls.length
  }

  async run(ctx: Ctx): Promise<void> {
    const answers = await ethCalls(ctx, this.calls)
    answers.forEach((a, i) => this.waiting[i](a))
    this.calls.length = 0
    this.waiting.length = 0
  }
}

/** A 32-byte word of an answer as an unsigned integer (null when the answer is too short). */
export function wordAt(answer: string | null, index = 0): bigint | null {
  if (answer == null) return null
  const hex = answer.slice(2 + index * 64, 2 + (index + 1) * 64)
  return hex.length === 64 ? BigInt(`0x${hex}`) : null
}

/** An address answer, lower-cased; null unless the word is a clean 20-byte value. */
export function addressOf(answer: string | null): string | null {
  const w = wordAt(answer)
  if (w == null || w >> 160n !== 0n) return null
  return `0x${w.toString(16).padStart(40, '0')}`
}

/** A small integer answer such as `decimals()` (uint8): null when absent or out of range. */
export function smallIntOf(answer: string | null, max = 255): number | null {
  const w = wordAt(answer)
  return w == null || w > BigInt(max) ? null : Number(w)
}

/**
 * A text answer of `name()` or `symbol()`: an ABI `string`, or a `bytes32` padded with NULs (early
 * tokens such as MKR). Null when it is neither, or empty. Control characters are dropped: the text is
 * the contract's to choose, and we show it to people.
 */
export function textOf(answer: string | null): string | null {
  if (answer == null) return null
  const hex = answer.slice(2)
  let bytes: Buffer | null = null
  if (hex.length >= 128) {
    const offset = wordAt(answer, 0)
    const length = offset != null && offset % 32n === 0n ? wordAt(answer, Number(offset / 32n)) : null
    if (offset != null && length != null && length <= 1024n) {
      const start = 2 * Number(offset) + 64
      const body = hex.slice(start, start + 2 * Number(length))
      if (body.length === 2 * Number(length)) bytes = Buffer.from(body, 'hex')
    }
  }
  if (bytes == null && hex.length === 64) bytes = Buffer.from(hex, 'hex')
  if (bytes == null) return null
  let end = bytes.length
  while (end > 0 && bytes[end - 1] === 0) end--
  const text = bytes
    .subarray(0, end)
    .toString('utf8')
    .replace(/[\u0000-\u001f\u007f]/g, '')
  return text.length ? text : null
}
