import { TypeormDatabase } from '@subsquid/typeorm-store'
import { NO_DATABASE, processorEnv } from '../config/env'
import { ConfigError, exitOnError } from '../config/errors'
import { loadNetworkConfig } from '../config/network'
import { applyMigrations, prepareStateSchema } from '../postgres/migrate'
import { type BatchStats, handleBatch } from './handler'
import { chainHeight } from './chainHead'
import { exitWhenCommitted } from './exit'
import { PhaseTimer } from './phases'
import { isWorker, runAsWorker, supervise } from './supervisor'
import type { Ctx } from '../mappings/shared/types'
import { installSdkPatches } from '../sdk'
import { buildProcessor } from './processor'
import { loadFollowed, recordDiscoveries } from './follow'
import { runInProcess } from '../sdk/run'
import { stateSchemaOf } from '../sdk/status'
import { FollowRestart } from '../mappings/shared/follows'

/** `npm run processor`: validate config (exit 2 on a bad one), apply migrations, then index. */
async function main() {
  installSdkPatches() // stops (exit 2) when a patched SDK package is not at its patch's version
  const env = processorEnv()
  const config = loadNetworkConfig(env.networkConfigPath, env.rpcUrl)
  if (!env.databaseUrl) throw new ConfigError('DATABASE_URL', NO_DATABASE)
  // typeorm-store reads its connection from DB_URL; the parts it would warn about are in it now
  process.env.DB_URL = env.databaseUrl
  for (const k of ['DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASS']) delete process.env[k]
  const applied = await applyMigrations(env.databaseUrl)
  if (applied.length) console.log(JSON.stringify({ level: 'info', msg: 'applied migrations', migrations: applied }))
  await prepareStateSchema(env.databaseUrl, stateSchemaOf(config.chainId))

  // each chain's progress in its own schema: processors of several chains share the database
  const db = new TypeormDatabase({
    supportHotBlocks: true,
    isolationLevel: 'READ COMMITTED',
    stateSchema: stateSchemaOf(config.chainId),
  })
  const toBlock = config.toBlock
  let exiting = false
  const timer = env.profile ? new PhaseTimer() : undefined
  const head = cachedChainHeight(config.rpcUrl)
  const progress = new Progress(timer)
  // One processor per subscription. A batch that finds addresses to follow fails its run; the finds
  // are recorded, and the next processor, in this same process, subscribes to them and replays the
  // batch (docs/processor.md, "Following new addresses").
  for (;;) {
    const followed = await loadFollowed(env.databaseUrl, config)
    const processor = buildProcessor(
      config,
      { prometheusPort: env.prometheusPort, prometheusHost: env.prometheusHost, tokenWildcard: env.tokenWildcard },
      followed,
    )
    const run = runInProcess(processor, db, async (ctx: Ctx) => {
      const stats = await handleBatch(ctx, config, head, timer, followed, env.tokenWildcard)
      const last = ctx.blocks[ctx.blocks.length - 1]
      progress.add(ctx, stats)
      if (toBlock != null && !exiting && last && last.header.height >= toBlock) {
        exiting = true
        console.log(JSON.stringify({ level: 'info', msg: 'reached toBlock', logsReceived: progress.logsReceived }))
        void exitWhenCommitted(env.databaseUrl!, config.chainId, toBlock)
      }
    })
    const failure = await run.done.then(
      () => undefined,
      (e: unknown) => e,
    )
    if (!(failure instanceof FollowRestart)) {
      if (failure === undefined) process.exit(0)
      return run.fail(failure)
    }
    await run.close()
    await recordDiscoveries(env.databaseUrl, config.chainId, failure.discoveries)
    console.log(
      JSON.stringify({
        level: 'info',
        msg: 'following new addresses: replaying the batch with them',
        follow: failure.discoveries,
      }),
    )
  }
}

/** A structured progress line at most every 5 s: speed over the interval, height and lag. */
class Progress {
  constructor(private readonly timer?: PhaseTimer) {}
  private since = Date.now()
  private blocks = 0
  private events = 0
  private rejected = 0
  /** logs the handler received in this worker's committed batches: what the subscription costs */
  logsReceived = 0

  add(ctx: Ctx, stats: BatchStats) {
    this.logsReceived += stats.logs
    this.blocks += ctx.blocks.length
    this.events += stats.logs
    this.rejected += stats.rejected
    const now = Date.now()
    const last = ctx.blocks[ctx.blocks.length - 1]
    if (!last || (now - this.since < 5000 && !ctx.isHead)) return
    const secs = Math.max((now - this.since) / 1000, 0.001)
    ctx.log.info(
      {
        height: last.header.height,
        lagBlocks: Math.max(0, stats.chainHeight - last.header.height),
        isHead: ctx.isHead,
        blocksPerSec: Math.round(this.blocks / secs),
        eventsPerSec: Math.round(this.events / secs),
        events: this.events,
        rejected: this.rejected,
        ...(this.timer ? { phasesMs: this.timer.summary() } : {}),
      },
      'progress',
    )
    this.since = now
    this.blocks = this.events = this.rejected = 0
  }
}

/**
 * With toBlock set we stop once that block is indexed. The SDK would wait until it is also final
 * (finalityConfirmation more blocks, which may never come on a quiet chain), so we exit ourselves as
 * soon as the batch holding it is committed.
 */
/**
 * The chain head for the lag figures, asked at most once a second: on a sparse chain batches come
 * faster than that, and an RPC round trip per batch was a visible share of the time.
 */
function cachedChainHeight(rpcUrl: string): () => Promise<number> {
  let value = 0
  let at = 0
  return async () => {
    if (Date.now() - at > 1000) {
      at = Date.now()
      // Only the lag figures use it: a failed call keeps the last value instead of failing the batch.
      value = await chainHeight(rpcUrl).catch(() => value)
    }
    return value
  }
}

// The supervisor restarts the worker after any failure that is not a bad configuration (exit 2) or
// the end of the range (exit 0); see supervisor.ts.
if (isWorker()) {
  runAsWorker()
  main().catch(exitOnError)
} else {
  supervise(__filename)
}
