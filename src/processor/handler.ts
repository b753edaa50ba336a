import { Gpu, IndexerState } from '../model'
import type { NetworkConfig } from '../config/network'
import { DataRegistryHandler } from '../mappings/data/registry'
import { ComputeLedgerHandler } from '../mappings/gpu/ledger'
import { GpuRegistryHandler } from '../mappings/gpu/registry'
import { GpuRollups } from '../mappings/gpu/rollups'
import { FactoryHandler } from '../mappings/model/factory'
import { InferenceHandler } from '../mappings/model/inference'
import { TokenHandler } from '../mappings/model/token'
import { ModelTokens, TOKEN_TOPICS } from '../mappings/model/tokens'
import { ProvenanceHandler } from '../mappings/provenance/provenance'
import { Accounts } from '../mappings/shared/accounts'
import { Book } from '../mappings/shared/book'
import { Rejects } from '../mappings/shared/rejects'
import { upsertRows } from '../mappings/shared/write'
import { VaultHandler } from '../mappings/vault/vault'
import { NO_TIMER, type PhaseTimer } from './phases'
import type { Ctx } from './processor'

/**
 * One batch in four phases:
 *  1. decode every log with its domain handler (no database); each handler notes what it needs;
 *  2. load what the batch touches, one query per entity type;
 *  3. apply the decoded events in chain order (block, logIndex), in memory, so rules that span
 *     domains (a usage report needs its GPU registered earlier) see the state of that moment;
 *  4. write once per table, in foreign-key order.
 */
export interface BatchStats {
  logs: number
  rejected: number
  /** chain head seen at the end of the batch */
  chainHeight: number
}

export async function handleBatch(
  ctx: Ctx,
  config: NetworkConfig,
  chainHeight: () => Promise<number>,
  time: Pick<PhaseTimer, 'start' | 'mark'> = NO_TIMER,
): Promise<BatchStats> {
  time.start()
  const c = config.contracts
  const rejects = new Rejects(ctx)
  const accounts = new Accounts()
  const gpus = new Book(Gpu, { operator: true }) // rollups denormalise the operator
  const rollups = new GpuRollups()
  const registry = new GpuRegistryHandler(rejects, accounts, gpus)
  const ledger = new ComputeLedgerHandler(rejects, accounts, gpus, rollups)
  const vaults = new VaultHandler(rejects, accounts)
  const tokens = new ModelTokens()
  const factory = new FactoryHandler(rejects, accounts, tokens)
  const token = new TokenHandler(rejects, accounts, tokens)
  const inference = new InferenceHandler(rejects, accounts, tokens)
  const data = new DataRegistryHandler(rejects, accounts)
  const provenance = new ProvenanceHandler(rejects, accounts, data.versions, gpus)

  const vaultSet = new Set(c.gpuVaults)
  const configured = new Set(
    [
      c.gpuRegistry,
      c.computeLedger,
      ...c.gpuVaults,
      c.modelTokenFactory,
      c.inferenceRouter,
      c.dataRegistry,
      c.provenanceRegistry,
    ].filter((a): a is string => a != null),
  )
  await tokens.scan(ctx, c.modelTokenFactory, configured)
  time.mark('scan tokens')

  // Phase 1. `early` holds a new token's logs that precede its ModelTokenCreated in the same block.
  const ordered: (() => void)[] = []
  const early = new Map<string, (() => void)[]>()
  let logs = 0
  for (const block of ctx.blocks) {
    for (const log of block.logs) {
      logs++
      const a = log.address
      let apply: (() => void) | undefined
      if (a === c.gpuRegistry) {
        const d = registry.decode(log)
        if (d) apply = () => registry.apply(d)
      } else if (a === c.computeLedger) {
        const d = ledger.decode(log)
        if (d) apply = () => ledger.apply(d)
      } else if (vaultSet.has(a)) {
        apply = vaults.decode(log)
      } else if (a === c.modelTokenFactory) {
        const d = factory.decode(log)
        if (d?.name === 'ModelTokenCreated') {
          const tokenAddress = d.e.token.toLowerCase()
          apply = () => {
            factory.apply(d)
            for (const f of early.get(tokenAddress) ?? []) f()
          }
        } else if (d) {
          apply = () => factory.apply(d)
        }
      } else if (a === c.inferenceRouter) {
        const d = inference.decode(log)
        if (d) apply = () => inference.apply(d)
      } else if (a === c.dataRegistry) {
        const d = data.decode(log)
        if (d) apply = () => data.apply(d)
      } else if (a === c.provenanceRegistry) {
        const d = provenance.decode(log)
        if (d) apply = () => provenance.apply(d)
      } else if (TOKEN_TOPICS.includes(log.topics[0])) {
        const follows = tokens.follows(log)
        if (follows === 'no') continue
        const d = token.decode(log)
        if (!d) continue
        if (follows === 'early') {
          const list = early.get(a) ?? []
          list.push(() => token.apply(d))
          early.set(a, list)
          continue
        }
        apply = () => token.apply(d)
      }
      if (apply) ordered.push(apply)
    }
  }

  time.mark('decode')

  // Phase 2. Order matters only where one load needs another's rows (records before their rollups).
  await accounts.load(ctx)
  time.mark('load accounts')
  await gpus.load(ctx)
  time.mark('load gpus')
  await ledger.prefetch(ctx)
  time.mark('load ledger')
  await rollups.load(ctx)
  time.mark('load rollups')
  await vaults.load(ctx)
  await tokens.load(ctx)
  await factory.load(ctx)
  await token.load(ctx)
  await inference.load(ctx)
  time.mark('load vaults+models')
  await data.load(ctx)
  await provenance.load(ctx)
  time.mark('load data+provenance')

  // Phase 3.
  for (const apply of ordered) apply()
  registry.finish()
  time.mark('apply')
  await provenance.resolveLate(ctx, data.published, registry.registered)
  time.mark('resolve late')

  // Phase 4, parents before children.
  await accounts.save(ctx)
  time.mark('save accounts')
  await gpus.save(ctx)
  time.mark('save gpus')
  await registry.save(ctx)
  time.mark('save registry')
  await ledger.save(ctx)
  time.mark('save ledger')
  await rollups.save(ctx)
  time.mark('save rollups')
  await vaults.save(ctx)
  time.mark('save vaults')
  await tokens.save(ctx)
  time.mark('save tokens')
  await factory.save(ctx)
  time.mark('save factory')
  await token.save(ctx)
  time.mark('save token')
  await inference.save(ctx)
  time.mark('save inference')
  await data.save(ctx)
  time.mark('save data')
  await provenance.save(ctx)
  time.mark('save provenance')
  if (rejects.rows.length) await upsertRows(ctx, rejects.rows)
  time.mark('save rejects')

  const last = ctx.blocks[ctx.blocks.length - 1]
  let head = last?.header.height ?? 0
  if (last) {
    head = await chainHeight().catch(() => last.header.height)
    await upsertRows(ctx, [
      new IndexerState({
        id: 'main',
        indexedHeight: last.header.height,
        finalizedHeight: Math.max(0, head - config.finalityConfirmation),
        chainHeight: Math.max(head, last.header.height),
        updatedAt: new Date(),
      }),
    ])
    time.mark('chain height + state')
  }
  return { logs, rejected: rejects.rows.length, chainHeight: Math.max(head, last?.header.height ?? 0) }
}
