import { chainClient } from '../../sdk/chainClient'
import type { Ctx } from '../shared/types'

/**
 * Sampled blocks of a CHAIN vault (docs/interface.md, "Any ERC-4626 vault"): for each multiple m of
 * vaultSampleSec in unix time, the first block whose time is at or after m. The batch hands us only
 * blocks with data of ours, so the block for m is found by bisection between the nearest known
 * blocks before and after m: eth_getBlockByNumber of the midpoints, all targets of a batch at once,
 * one JSON-RPC batch per level. The cost is about log2(blocks per sample period) header reads per
 * sample (9 per hour on a 12-second chain, 11 on a 2-second one), and none when known blocks are adjacent.
 */
export interface KnownBlock {
  height: number
  /** unix seconds */
  time: number
}

/** Multiples of `period` in (after, until], oldest first. */
export function sampleTimes(after: number, until: number, period: number): number[] {
  const out: number[] = []
  for (let m = (Math.floor(after / period) + 1) * period; m <= until; m += period) out.push(m)
  return out
}

/**
 * The first block at or after each time. `known` must hold a block at or after every target and,
 * for each, some block before it (the search runs between them).
 */
export async function firstBlocksAtOrAfter(ctx: Ctx, targets: number[], known: KnownBlock[]): Promise<KnownBlock[]> {
  const times = new Map<number, number>(known.map((b) => [b.height, b.time]))
  const sorted = [...known].sort((a, b) => a.height - b.height)
  const bounds = targets.map((m) => {
    let lo: KnownBlock | undefined
    let hi: KnownBlock | undefined
    for (const b of sorted) {
      if (b.time < m) lo = b
      else if (!hi) hi = b
    }
    if (!lo || !hi) throw new Error(`no known blocks around sample time ${m}`)
    return { lo: lo.height, hi: hi.height, m }
  })
  for (;;) {
    const open = bounds.filter((b) => b.hi - b.lo > 1)
    if (open.length === 0) break
    const mids = [...new Set(open.map((b) => Math.floor((b.lo + b.hi) / 2)))].filter((h) => !times.has(h))
    if (mids.length) {
      const headers: ({ timestamp: string } | null)[] = await chainClient(ctx).batchCall(
        mids.map((h) => ({ method: 'eth_getBlockByNumber', params: [`0x${h.toString(16)}`, false] })),
      )
      headers.forEach((h, i) => {
        if (!h) throw new Error(`block ${mids[i]} is not on the chain`)
        times.set(mids[i], Number(h.timestamp))
      })
    }
    for (const b of open) {
      const mid = Math.floor((b.lo + b.hi) / 2)
      if (times.get(mid)! >= b.m) b.hi = mid
      else b.lo = mid
    }
  }
  return bounds.map((b) => ({ height: b.hi, time: times.get(b.hi)! }))
}
