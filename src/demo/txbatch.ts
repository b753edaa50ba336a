import {
  type Abi,
  type Address,
  type Hex,
  decodeErrorResult,
  decodeFunctionResult,
  encodeDeployData,
  encodeFunctionData,
  getContractAddress,
} from 'viem'
import { allArtifacts, artifact, type ContractName } from './artifacts'

/**
 * Sends demo transactions to anvil in bulk: transactions are queued, then `mine(ts)` sends them in
 * JSON-RPC batches with explicit nonces and gas (automine is off) and mines them at simulated time `ts`.
 * Every receipt is checked, so a demo step that reverts stops the demo with the step's label.
 */
interface QueuedTx {
  from: Address
  to?: Address
  data: Hex
  gas: number
  nonce: number
  label: string
  abi: Abi
  value?: bigint
  /** a transaction meant to fail (a test's rejected claim): its receipt is not checked */
  mayFail?: boolean
}

const GAS = 3_000_000
const DEPLOY_GAS = 12_000_000
const BATCH = 500

export class TxBatch {
  private nonces = new Map<string, number>()
  private queue: QueuedTx[] = []
  private lastTimestamp = 0
  sent = 0

  constructor(readonly url: string) {}

  async init(): Promise<void> {
    await this.rpc('evm_setAutomine', [false])
    const head = await this.rpc<{ timestamp: Hex }>('eth_getBlockByNumber', ['latest', false])
    this.lastTimestamp = Number(head.timestamp)
  }

  get timestamp(): number {
    return this.lastTimestamp
  }

  async rpc<T = any>(method: string, params: unknown[]): Promise<T> {
    const [r] = await this.rpcBatch<T>([{ method, params }])
    return r
  }

  async rpcBatch<T = any>(calls: { method: string; params: unknown[] }[]): Promise<T[]> {
    if (calls.length === 0) return []
    const body = calls.map((c, id) => ({ jsonrpc: '2.0', id, method: c.method, params: c.params }))
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const out = (await res.json()) as { id: number; result?: T; error?: { message: string; data?: unknown } }[]
    const byId = new Map(out.map((o) => [o.id, o]))
    return calls.map((c, id) => {
      const o = byId.get(id)
      if (!o || o.error)
        throw Object.assign(new Error(`${c.method} failed: ${o?.error?.message ?? 'no answer'}`), {
          data: o?.error?.data,
        })
      return o.result as T
    })
  }

  private async nextNonce(from: Address): Promise<number> {
    const key = from.toLowerCase()
    let n = this.nonces.get(key)
    if (n == null) n = Number(await this.rpc<Hex>('eth_getTransactionCount', [from, 'pending']))
    this.nonces.set(key, n + 1)
    return n
  }

  /** Queues a deployment; returns the address the contract will have. */
  async deploy(from: Address, name: ContractName, args: unknown[] = []): Promise<Address> {
    const { abi, bytecode } = artifact(name)
    const nonce = await this.nextNonce(from)
    const data = encodeDeployData({ abi, bytecode, args })
    this.queue.push({ from, data, gas: DEPLOY_GAS, nonce, label: `deploy ${name}`, abi })
    return getContractAddress({ from, nonce: BigInt(nonce) })
  }

  /** Queues a contract call. */
  async call(
    from: Address,
    to: Address,
    name: ContractName,
    fn: string,
    args: unknown[] = [],
    gas = GAS,
  ): Promise<void> {
    const { abi } = artifact(name)
    const data = encodeFunctionData({ abi, functionName: fn, args } as any)
    const nonce = await this.nextNonce(from)
    this.queue.push({ from, to, data, gas, nonce, label: `${name}.${fn}(${short(args)}) from ${from}`, abi })
  }

  /** Queues raw calldata (used for the raw emitter). */
  /** A transaction that may carry native coin and may be meant to fail; a call when `name` and `fn` are given. */
  async send(
    from: Address,
    to: Address,
    opts: { value?: bigint; name?: ContractName; fn?: string; args?: unknown[]; mayFail?: boolean },
  ): Promise<void> {
    const abi = opts.name ? artifact(opts.name).abi : []
    const data: Hex =
      opts.name && opts.fn ? encodeFunctionData({ abi, functionName: opts.fn, args: opts.args ?? [] } as any) : '0x'
    const nonce = await this.nextNonce(from)
    const label = `${opts.name ?? 'send'}.${opts.fn ?? 'value'}(${short(opts.args ?? [])}) from ${from}`
    this.queue.push({ from, to, data, gas: GAS, nonce, label, abi, value: opts.value, mayFail: opts.mayFail })
  }

  async raw(from: Address, to: Address, data: Hex, label: string): Promise<void> {
    const nonce = await this.nextNonce(from)
    this.queue.push({ from, to, data, gas: GAS, nonce, label, abi: [] })
  }

  /** Read-only call against the latest block. */
  /** A view call, at the head or at a given block number. */
  async read<T = unknown>(
    to: Address,
    name: ContractName,
    fn: string,
    args: unknown[] = [],
    block: number | 'latest' = 'latest',
  ): Promise<T> {
    const { abi } = artifact(name)
    const data = encodeFunctionData({ abi, functionName: fn, args } as any)
    const tag = block === 'latest' ? block : `0x${block.toString(16)}`
    const result = await this.rpc<Hex>('eth_call', [{ to, data }, tag])
    return decodeFunctionResult({ abi, functionName: fn, data: result } as any) as T
  }

  /** Sends everything queued and mines it in blocks starting at `timestamp` (later blocks +1 s each). */
  async mine(timestamp: number): Promise<void> {
    let ts = Math.max(timestamp, this.lastTimestamp + 1)
    const txs = this.queue
    this.queue = []
    const hashes: Hex[] = []
    for (let i = 0; i < txs.length; i += BATCH) {
      const chunk = txs.slice(i, i + BATCH)
      hashes.push(
        ...(await this.rpcBatch<Hex>(
          chunk.map((t) => ({
            method: 'eth_sendTransaction',
            params: [
              {
                from: t.from,
                to: t.to,
                data: t.data,
                gas: hex(t.gas),
                nonce: hex(t.nonce),
                ...(t.value ? { value: `0x${t.value.toString(16)}` } : {}),
                maxFeePerGas: hex(100e9),
                maxPriorityFeePerGas: hex(1e9),
              },
            ],
          })),
        )),
      )
    }
    do {
      await this.rpc('evm_mine', [ts])
      this.lastTimestamp = ts++
    } while (Number((await this.rpc<{ pending: Hex }>('txpool_status', [])).pending) > 0)
    this.sent += txs.length
    await this.checkReceipts(txs, hashes)
  }

  private async checkReceipts(txs: QueuedTx[], hashes: Hex[]) {
    for (let i = 0; i < hashes.length; i += BATCH) {
      const receipts = await this.rpcBatch<{ status: Hex; blockNumber: Hex } | null>(
        hashes.slice(i, i + BATCH).map((h) => ({ method: 'eth_getTransactionReceipt', params: [h] })),
      )
      for (let j = 0; j < receipts.length; j++) {
        const r = receipts[j]
        const t = txs[i + j]
        if (r && (r.status === '0x1' || t.mayFail)) continue
        throw new Error(
          `demo transaction failed: ${t.label}: ${r ? await this.revertReason(t, r.blockNumber) : 'not mined'}`,
        )
      }
    }
  }

  private async revertReason(t: QueuedTx, blockNumber: Hex): Promise<string> {
    try {
      const prev = hex(Number(blockNumber) - 1)
      await this.rpc('eth_call', [{ from: t.from, to: t.to, data: t.data, gas: hex(t.gas) }, prev])
      return 'reverted (not reproducible by eth_call)'
    } catch (e: any) {
      const data = typeof e.data === 'string' ? e.data : typeof e.data?.data === 'string' ? e.data.data : null
      if (data?.startsWith('0x')) {
        // The error may come from a contract the call went through, so try every ABI we have.
        for (const abi of [t.abi, ...allArtifacts().map((x) => x.abi)]) {
          try {
            const d = decodeErrorResult({ abi, data: data as Hex })
            return `${d.errorName}(${short(d.args ?? [])})`
          } catch {
            /* not this contract's error */
          }
        }
      }
      return String(e.message)
    }
  }
}

function hex(n: number): Hex {
  return `0x${n.toString(16)}`
}

function short(args: readonly unknown[]): string {
  return args
    .map((a) =>
      typeof a === 'bigint' ? a.toString() : JSON.stringify(a, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
    )
    .join(', ')
    .slice(0, 200)
}
