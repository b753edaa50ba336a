import { IndexerState } from '../model'
import type { NetworkConfig } from '../config/network'
import { GpuRegistryHandler } from '../mappings/gpu/registry'
import { Accounts } from '../mappings/shared/accounts'
import { Rejects } from '../mappings/shared/rejects'
import type { Ctx } from './processor'

/**
 * One batch: route each log to its domain handler (decode), prefetch per entity type, apply in
 * chain order, then write once per table in foreign-key order: accounts, domain rows, rejects, state.
 */
export async function handleBatch(ctx: Ctx, config: NetworkConfig, chainHeight: () => Promise<number>): Promise<void> {
  const c = config.contracts
  const rejects = new Rejects(ctx)
  const accounts = new Accounts()
  const gpu = new GpuRegistryHandler(rejects, accounts)

  for (const block of ctx.blocks) {
    for (const log of block.logs) {
      if (log.address === c.gpuRegistry) gpu.decode(log)
    }
  }

  await accounts.load(ctx)
  await gpu.prefetch(ctx)
  gpu.apply()

  await accounts.save(ctx)
  await gpu.save(ctx)
  if (rejects.rows.length) await ctx.store.upsert(rejects.rows)

  const last = ctx.blocks[ctx.blocks.length - 1]
  if (last) {
    const head = await chainHeight().catch(() => last.header.height)
    await ctx.store.upsert(
      new IndexerState({
        id: 'main',
        indexedHeight: last.header.height,
        finalizedHeight: Math.max(0, head - config.finalityConfirmation),
        chainHeight: Math.max(head, last.header.height),
        updatedAt: new Date(),
      }),
    )
  }
}
