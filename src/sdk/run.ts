import { Runner } from '@subsquid/util-internal-processor-tools'
import type { EvmBatchProcessor } from '@subsquid/evm-processor'
import type { TypeormDatabase } from '@subsquid/typeorm-store'

/**
 * Runs a processor the way `EvmBatchProcessor.run` does, but as a promise instead of a program: the
 * SDK's `run` ends the process when indexing ends or fails, so a processor could not be replaced by
 * another one with a grown subscription without a new process (about a second each time, most of it
 * loading modules). Here the run's failure comes back to the caller, who may close it and start the
 * next one in the same process (src/processor/main.ts, docs/processor.md "Following new addresses").
 *
 * It builds the SDK's `Runner` from the processor's own parts, as `run` does in
 * @subsquid/evm-processor 1.27.3 (its private getters; the version is checked at start, src/sdk/index.ts).
 */
interface ProcessorInternals {
  archive?: unknown
  rpcEndpoint?: unknown
  rpcIngestSettings?: { disabled?: boolean }
  finalityConfirmation?: number
  running: boolean
  getLogger(): { child(ns: string): unknown; fatal(err: unknown): void }
  getChain(): unknown
  getBatchRequests(): unknown
  getArchiveDataSource(): unknown
  getHotDataSource(): unknown
  getPrometheusServer(): unknown
  getChainRpcClient(): { close(): void }
}

type Handler = (ctx: any) => Promise<void>

export interface ProcessorRun {
  /** resolves when the range is indexed; rejects with what failed (a handler's error included) */
  done: Promise<void>
  /** stops the processor's RPC traffic and database connection after a failed run */
  close(): Promise<void>
  /** ends the process as the SDK's own `run` does on a failure: the error as a fatal log line, exit 1 */
  fail(err: unknown): never
}

export function runInProcess(
  processor: EvmBatchProcessor<any>,
  database: TypeormDatabase,
  handler: Handler,
): ProcessorRun {
  const p = processor as unknown as ProcessorInternals
  if (p.running) throw new Error('this processor has run already: build a new one')
  p.running = true
  const log = p.getLogger()
  const chain = p.getChain()
  const mappingLog = log.child('mapping')
  const runner = new Runner({
    database,
    requests: p.getBatchRequests(),
    archive: p.archive ? p.getArchiveDataSource() : undefined,
    hotDataSource: p.rpcEndpoint && !p.rpcIngestSettings?.disabled ? p.getHotDataSource() : undefined,
    allBlocksAreFinal: p.finalityConfirmation === 0,
    prometheus: p.getPrometheusServer(),
    log,
    process: (store: unknown, batch: { blocks: unknown[]; isHead: boolean }) =>
      handler({ _chain: chain, log: mappingLog, store, blocks: batch.blocks, isHead: batch.isHead }),
  } as unknown as ConstructorParameters<typeof Runner>[0])
  return {
    done: runner.run(),
    async close() {
      // requests still queued fail at once; the abandoned fetch pipeline then has nothing to wait for
      if (p.rpcEndpoint) p.getChainRpcClient().close()
      await database.disconnect().catch(() => {})
    },
    fail(err) {
      log.fatal(err instanceof Error ? err : new Error(String(err)))
      process.exit(1)
    },
  }
}
