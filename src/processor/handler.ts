import { IndexerState } from '../model'
import type { NetworkConfig } from '../config/network'
import { GpuBook } from '../mappings/gpu/gpus'
import { ComputeLedgerHandler } from '../mappings/gpu/ledger'
import { GpuRegistryHandler } from '../mappings/gpu/registry'
import { Accounts } from '../mappings/shared/accounts'
import { Rejects } from '../mappings/shared/rejects'
import type { Ctx } from './processor'

/**
 * One batch in four phases:
 *  1. decode every log with its domain handler (no database);
 *  2. load what the batch touches, one query per entity type;
 *  3. apply the decoded events in chain order (block, logIndex), in memory, so rules that span
 *     domains (a usage report needs its GPU registered earlier) see the state of that moment;
 *  4. write once per table, in foreign-key order: accounts, GPUs, domain rows, rejects, state.
 */
export async function handleBatch(ctx: Ctx, config: NetworkConfig, chainHeight: () => Promise<number>): Promise<void> {
  const c = config.contracts
  const rejects = new Rejects(ctx)
  const accounts = new Accounts()
  const gpus = new GpuBook()
  const registry = new GpuRegistryHandler(rejects, accounts, gpus)
  const ledger = new ComputeLedgerHandler(rejects, accounts, gpus)

  const ordered: (() => void)[] = []
  for (const block of ctx.blocks) {
    for (const log of block.logs) {
      if (log.address === c.gpuRegistry) {
        const d = registry.decode(log)
        if (d) ordered.push(() => registry.apply(d))
      } else if (log.address === c.computeLedger) {
        const d = ledger.decode(log)
        if (d) ordered.push(() => ledger.apply(d))
      }
    }
  }

  await accounts.load(ctx)
  await gpus.load(ctx)
  await ledger.prefetch(ctx)

  for (const apply of ordered) apply()
  registry.finish()

  await accounts.save(ctx)
  await gpus.save(ctx)
  await registry.save(ctx)
  await ledger.save(ctx)
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
