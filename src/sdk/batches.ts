import { Runner } from '@subsquid/util-internal-processor-tools'

/**
 * Hands the handler every finalized batch that is ready, merged into one, instead of one batch per
 * fetch. The SDK fetches finalized blocks ahead (several requests in flight) but hands them over one
 * fetch at a time, ten blocks per fetch over RPC; each batch costs a transaction, our loads and the
 * progress writes, whatever it holds. Merged, the batches grow by themselves while the handler is
 * behind the fetches and stay small (low latency) once it keeps up. docs/processor.md, "Batches".
 *
 * A pump reads the SDK's batches as they arrive into a buffer; the runner takes the whole buffer at
 * once. `maxItems` (logs, transactions and blocks) bounds a merged batch, and also what the pump holds
 * beside the batch in the handler: while the handler has a batch of that size, the pump waits, so
 * merging never holds more than the SDK's own read-ahead already does (dense chains).
 * Blocks stay in order, so the runner's own merging (it concatenates batches below its commit
 * height) sees the same sequence. Hot blocks are untouched: they come one update at a time.
 *
 * This wraps `Runner.processFinalizedBlocks` of @subsquid/util-internal-processor-tools 4.2.1 (the
 * version is checked at start, src/sdk/index.ts).
 */
interface SdkBatch {
  blocks: { logs?: unknown[]; transactions?: unknown[] }[]
  isHead: boolean
}
interface FinalizedArgs {
  src: { getFinalizedBlocks(requests: unknown, stopOnHead?: boolean): AsyncIterable<SdkBatch> }
}

/** Logs and transactions of a batch: what its handling costs, and what it holds in memory. */
function itemsOf(batch: SdkBatch): number {
  let n = 0
  for (const b of batch.blocks) n += (b.logs?.length ?? 0) + (b.transactions?.length ?? 0) + 1
  return n
}

/** Every batch of `source` that is ready when the consumer asks, as one batch (see above). */
export async function* mergeReady(source: AsyncIterable<SdkBatch>, maxItems: number): AsyncIterable<SdkBatch> {
  const ready: SdkBatch[] = []
  let items = 0
  let done = false
  let failure: { error: unknown } | undefined
  let stopped = false
  /** items of the batch the handler has now */
  let inHand = 0
  // the consumer waits on `arrived`, the pump on `taken`
  let arrived: (() => void) | undefined
  let taken: (() => void) | undefined
  const wake = (f: (() => void) | undefined) => f?.()

  const pump = (async () => {
    try {
      for await (const batch of source) {
        ready.push(batch)
        items += itemsOf(batch)
        wake(arrived)
        while (items + inHand >= maxItems && !stopped) await new Promise<void>((r) => (taken = r))
        if (stopped) return
      }
    } catch (error) {
      failure = { error }
    } finally {
      done = true
      wake(arrived)
    }
  })()

  try {
    for (;;) {
      while (ready.length === 0 && !done) await new Promise<void>((r) => (arrived = r))
      if (ready.length === 0) break
      // take whole batches up to the bound, and always the first one
      let take = 1
      let n = itemsOf(ready[0])
      while (take < ready.length && n + itemsOf(ready[take]) <= maxItems) n += itemsOf(ready[take++])
      const batches = ready.splice(0, take)
      items -= n
      inHand = n
      wake(taken)
      yield batches.length === 1
        ? batches[0]
        : { blocks: batches.flatMap((b) => b.blocks), isHead: batches[batches.length - 1].isHead }
      // asked for the next one: the handler is done with this one
      inHand = 0
      wake(taken)
    }
    if (failure) throw failure.error
  } finally {
    // the runner stopped early (an error in the handler): let the pump end too
    stopped = true
    wake(taken)
    void pump
  }
}

/** Default bound of a merged batch, in logs and transactions (blocks count one each). */
export const MERGED_BATCH_ITEMS = 20_000

let patched = false

export function mergeReadyBatches(maxItems = MERGED_BATCH_ITEMS): void {
  if (patched) return
  patched = true
  const proto = Runner.prototype as unknown as { processFinalizedBlocks(args: FinalizedArgs): Promise<unknown> }
  const original = proto.processFinalizedBlocks
  proto.processFinalizedBlocks = function (this: unknown, args: FinalizedArgs) {
    const src = args.src
    const merging = Object.create(src) as FinalizedArgs['src']
    merging.getFinalizedBlocks = (requests, stopOnHead) =>
      mergeReady(src.getFinalizedBlocks(requests, stopOnHead), maxItems)
    return original.call(this, { ...args, src: merging })
  }
}
