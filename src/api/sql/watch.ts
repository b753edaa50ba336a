import { indexedBlocks } from '../../sdk/status'
import type { Db } from './pool'
import { chainStatuses, indexedChains, type ChainStatusReport } from './status'

/** Blocks of one chain rolled back by a reorg, as the API saw them go: `fromBlock`…`toBlock`. */
export interface Reorg {
  chainId: number
  fromBlock: number
  toBlock: number
}

/** What changed in the index since the last event, with every chain's status now. */
export interface IndexEvent {
  chains: ChainStatusReport[]
  /** chains whose newest indexed block changed (advanced or replaced) */
  changed: number[]
  reorgs: Reorg[]
}

/** How often the index is read while anyone listens: a block is pushed within this, plus the query. */
export const POLL_MS = 250

/**
 * Watches the index for new blocks and reorgs, for every subscription at once (docs/api.md, "Live
 * data"). While anyone listens, it reads each chain's indexed blocks (the processor's own
 * bookkeeping, finalized and hot, by hash) every POLL_MS; one reading serves every listener.
 *
 * A reorg shows as an indexed block whose hash changed or that is gone: the blocks above the highest
 * block both readings agree on were rolled back, up to the previous newest. So a rollback and the
 * new branch's indexing between two readings are still seen as a reorg.
 */
export class IndexWatcher {
  private readonly listeners = new Set<(e: IndexEvent) => void>()
  private blocks = new Map<number, Map<number, string>>()
  private timer: NodeJS.Timeout | undefined
  private reading = false

  constructor(
    private readonly db: Db,
    private readonly pollMs = POLL_MS,
  ) {}

  /** Calls `fn` after each change of the index; returns the function that stops it. */
  listen(fn: (e: IndexEvent) => void): () => void {
    this.listeners.add(fn)
    if (!this.timer) {
      // the first reading after a pause is the baseline: nothing seen changed before it
      this.blocks = new Map()
      void this.read(true)
      this.timer = setInterval(() => void this.read(false), this.pollMs)
    }
    return () => {
      this.listeners.delete(fn)
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer)
        this.timer = undefined
      }
    }
  }

  get listening(): number {
    return this.listeners.size
  }

  /** Every chain's status now (a subscription's first push). */
  statuses(): Promise<ChainStatusReport[]> {
    return chainStatuses(this.db)
  }

  stop(): void {
    this.listeners.clear()
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }

  private async read(baseline: boolean): Promise<void> {
    if (this.reading) return // a slow database: this tick is skipped, not queued
    this.reading = true
    try {
      const now = new Map<number, Map<number, string>>()
      for (const chainId of await indexedChains(this.db)) {
        const b = await indexedBlocks(this.db, chainId)
        if (b) now.set(chainId, b)
      }
      const changed: number[] = []
      const reorgs: Reorg[] = []
      for (const [chainId, cur] of now) {
        const prev = this.blocks.get(chainId)
        const d = prev ? compare(prev, cur) : { changed: cur.size > 0, reorg: null }
        if (d.changed) changed.push(chainId)
        if (d.reorg) reorgs.push({ chainId, ...d.reorg })
      }
      this.blocks = now
      if (baseline || (changed.length === 0 && reorgs.length === 0) || this.listeners.size === 0) return
      const event: IndexEvent = { chains: await chainStatuses(this.db), changed, reorgs }
      for (const fn of this.listeners) fn(event)
    } catch {
      // the database is away: the next tick tries again, and compares with the last good reading
    } finally {
      this.reading = false
    }
  }
}

/**
 * Two readings of one chain's indexed blocks (height → hash): did its newest block change, and were
 * blocks rolled back? Rolled back: the previous newest block is gone or has another hash; the range
 * runs from above the highest height whose hash both readings share to that previous newest.
 */
export function compare(
  prev: Map<number, string>,
  cur: Map<number, string>,
): { changed: boolean; reorg: { fromBlock: number; toBlock: number } | null } {
  const top = (m: Map<number, string>) => (m.size ? Math.max(...m.keys()) : -1)
  const [p, c] = [top(prev), top(cur)]
  const changed = p !== c || prev.get(p) !== cur.get(c)
  // the lowest block of a reading is its finalized one: below it, nothing can have been rolled back
  const low = cur.size ? Math.min(...cur.keys()) : 0
  if (p < 0 || p < low || cur.get(p) === prev.get(p)) return { changed, reorg: null }
  // the previous newest is gone (a shorter branch) or has another hash: rolled back down to the
  // highest block both readings agree on
  let common = low - 1
  for (const [h, hash] of prev) if (h > common && h <= p && cur.get(h) === hash) common = h
  return { changed: true, reorg: { fromBlock: common + 1, toBlock: p } }
}

/**
 * The index's events for one subscriber, as an async iterator: first the status now, then one item
 * per change. A subscriber that has not taken the last item yet gets the next one merged into it
 * (the newest statuses, every chain changed and every reorg of both), so at most one item waits per
 * subscriber, however slow it is.
 */
export function indexEvents(w: IndexWatcher): AsyncIterableIterator<IndexEvent> {
  let pending: IndexEvent | null = null
  let wake: (() => void) | null = null
  let done = false
  let first = true
  const stop = w.listen((e) => {
    pending = pending ? merged(pending, e) : e
    wake?.()
  })
  const end = (): IteratorResult<IndexEvent> => ({ done: true, value: undefined })
  return {
    [Symbol.asyncIterator]() {
      return this
    },
    async next() {
      if (first) {
        first = false
        return { done: false, value: { chains: await w.statuses(), changed: [], reorgs: [] } }
      }
      while (!pending && !done) await new Promise<void>((r) => (wake = r))
      wake = null
      if (done || !pending) return end()
      const value: IndexEvent = pending
      pending = null
      return { done: false, value }
    },
    async return() {
      done = true
      stop()
      wake?.()
      return end()
    },
  }
}

export function merged(a: IndexEvent, b: IndexEvent): IndexEvent {
  return { chains: b.chains, changed: [...new Set([...a.changed, ...b.changed])], reorgs: [...a.reorgs, ...b.reorgs] }
}
