import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Rng } from '../../src/demo/rng'

/**
 * A JSON-RPC proxy in front of a node that misbehaves the way public providers do, on a seeded
 * schedule. Every request is either passed through or hit by one fault:
 *
 * - `timeout`: never answered (the client's request timeout must fire);
 * - `drop`: the connection is destroyed without a response;
 * - `http429` / `http500`: a rate-limit or server error status;
 * - `malformed`: HTTP 200 with a body that is not JSON;
 * - `truncatedBatch`: a batch answered with only its first half;
 * - `lag`: a head 1..lagBlocks behind (eth_blockNumber, eth_getBlockByNumber "latest"/"finalized"),
 *   as a node behind a load balancer that went back in time.
 *
 * `counts` says how many of each were injected, so a test can require that each kind happened.
 */
export type FaultKind = 'timeout' | 'drop' | 'http429' | 'http500' | 'malformed' | 'truncatedBatch' | 'lag'
export const FAULT_KINDS: readonly FaultKind[] = [
  'timeout',
  'drop',
  'http429',
  'http500',
  'malformed',
  'truncatedBatch',
  'lag',
]

export interface FaultPlan {
  seed: number
  /** share of requests that get a fault, 0..1 */
  rate: number
  kinds?: readonly FaultKind[]
  /** `timeout` is costly (the client waits its whole timeout): at most this many */
  maxTimeouts?: number
  lagBlocks?: number
}

export interface FaultProxy {
  url: string
  counts: Record<FaultKind | 'passed', number>
  /** stops injecting faults (the rest of the run passes through) */
  heal(): void
  close(): Promise<void>
}

export type RpcCall = { jsonrpc: string; id: unknown; method: string; params?: unknown[] }

const HEAD_METHODS = new Set(['eth_blockNumber', 'eth_getBlockByNumber'])

/**
 * `observe` sees every request passed through untouched, with the node's answer (a test counting
 * what crosses the wire uses the proxy with no fault kinds).
 */
export async function startFaultProxy(
  target: string,
  plan: FaultPlan,
  observe?: (calls: RpcCall[], answers: unknown[]) => void,
): Promise<FaultProxy> {
  const rng = new Rng(plan.seed)
  const kinds = plan.kinds ?? FAULT_KINDS
  const lagBlocks = plan.lagBlocks ?? 3
  const counts = Object.fromEntries([...FAULT_KINDS, 'passed'].map((k) => [k, 0])) as FaultProxy['counts']
  const hanging = new Set<http.ServerResponse>()
  let healed = false

  const forward = async (body: string): Promise<string> => {
    const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    return res.text()
  }

  /**
   * The fault for this request, or null. The seeded RNG decides whether to inject; the kind is the
   * least injected one that applies to this request.
   */
  const choose = (calls: RpcCall[], isBatch: boolean): FaultKind | null => {
    if (healed) return null
    // Kinds that need a particular request (a batch, a head query) are rare: each gets its first
    // chance for sure, so a short run still sees every kind.
    const firstChance = kinds.find(
      (k) =>
        counts[k] === 0 &&
        ((k === 'truncatedBatch' && isBatch && calls.length > 1) || (k === 'lag' && calls.some(isHeadCall))),
    )
    if (firstChance) return firstChance
    if (!rng.chance(plan.rate)) return null
    const applicable = kinds.filter((k) => {
      if (k === 'truncatedBatch') return isBatch && calls.length > 1
      if (k === 'lag') return calls.some(isHeadCall)
      if (k === 'timeout') return counts.timeout < (plan.maxTimeouts ?? 3)
      return true
    })
    if (applicable.length === 0) return null
    return applicable.reduce((a, b) => (counts[b] < counts[a] ? b : a))
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8')
      let parsed: RpcCall | RpcCall[]
      try {
        parsed = JSON.parse(body)
      } catch {
        res.writeHead(400).end()
        return
      }
      const isBatch = Array.isArray(parsed)
      const calls = isBatch ? (parsed as RpcCall[]) : [parsed as RpcCall]
      const fault = choose(calls, isBatch)
      counts[fault ?? 'passed']++
      try {
        switch (fault) {
          case 'timeout':
            hanging.add(res)
            res.on('close', () => hanging.delete(res))
            return
          case 'drop':
            req.socket.destroy()
            return
          case 'http429':
            res.writeHead(429, { 'content-type': 'text/plain' }).end('Too Many Requests')
            return
          case 'http500':
            res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error')
            return
          case 'malformed':
            res.writeHead(200, { 'content-type': 'application/json' }).end('{"jsonrpc":"2.0","id":1,"result":[{"bl')
            return
          case 'truncatedBatch': {
            const out = JSON.parse(await forward(body)) as unknown[]
            res
              .writeHead(200, { 'content-type': 'application/json' })
              .end(JSON.stringify(out.slice(0, out.length >> 1)))
            return
          }
          case 'lag': {
            const behind = rng.int(1, lagBlocks)
            const lagged = await lagHead(calls, behind, forward)
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(isBatch ? lagged : lagged[0]))
            return
          }
          default: {
            const answer = await forward(body)
            if (observe) {
              const parsedAnswer = JSON.parse(answer) as unknown
              observe(calls, isBatch ? (parsedAnswer as unknown[]) : [parsedAnswer])
            }
            res.writeHead(200, { 'content-type': 'application/json' }).end(answer)
          }
        }
      } catch {
        if (!res.headersSent) res.writeHead(502).end()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    heal: () => (healed = true),
    close: async () => {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function isHeadCall(c: RpcCall): boolean {
  if (!HEAD_METHODS.has(c.method)) return false
  return c.method === 'eth_blockNumber' || ['latest', 'finalized', 'safe'].includes(String(c.params?.[0]))
}

/**
 * Answers the calls as a node `behind` blocks back would: head queries see the older head; every
 * other call is forwarded unchanged.
 */
async function lagHead(calls: RpcCall[], behind: number, forward: (body: string) => Promise<string>) {
  const head = Number((JSON.parse(await forward(rpc('eth_blockNumber', []))) as { result: string }).result)
  const lagged = Math.max(0, head - behind)
  const rewritten = calls.map((c) =>
    !isHeadCall(c)
      ? c
      : c.method === 'eth_blockNumber'
        ? c
        : { ...c, params: ['0x' + lagged.toString(16), ...(c.params ?? []).slice(1)] },
  )
  const answers = JSON.parse(await forward(JSON.stringify(rewritten))) as { id: unknown; result?: unknown }[]
  return answers.map((a, i) =>
    calls[i].method === 'eth_blockNumber' && isHeadCall(calls[i]) ? { ...a, result: '0x' + lagged.toString(16) } : a,
  )
}

function rpc(method: string, params: unknown[]): string {
  return JSON.stringify({ jsonrpc: '2.0', id: 0, method, params })
}
