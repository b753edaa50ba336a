/** The chain's newest block number, read with `eth_blockNumber` (bounded to 5 s). */
export async function chainHeight(rpcUrl: string, timeoutMs = 5000): Promise<number> {
  const r = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
    signal: AbortSignal.timeout(timeoutMs),
  })
  const j = (await r.json()) as { result: string }
  const n = Number(j.result)
  if (!Number.isSafeInteger(n)) throw new Error(`bad eth_blockNumber answer: ${JSON.stringify(j).slice(0, 100)}`)
  return n
}
