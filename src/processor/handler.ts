import { BlockTime, IndexerState } from '../model'
import type { NetworkConfig } from '../config/network'
import { createDomains } from '../mappings'
import { Accounts } from '../mappings/shared/accounts'
import { Assets } from '../mappings/shared/assets'
import { ChainIds } from '../mappings/shared/chain'
import { type Followed, FollowRestart, Follows } from '../mappings/shared/follows'
import type { Handler, TxHandler } from '../mappings/shared/domain'
import { Rejects } from '../mappings/shared/rejects'
import type { Ctx, Log, Transaction } from '../mappings/shared/types'
import { upsertRows } from '../mappings/shared/write'
import { NO_TIMER, type PhaseTimer } from './phases'

/**
 * One batch in four phases, each a loop over the domains (src/mappings/index.ts):
 *  1. decode every log with its domain's handler (no database); each handler notes what it needs;
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
  followed?: Followed,
  /** every token's logs are fetched already (DEAI_TOKEN_WILDCARD): a new token needs no replay */
  tokenWildcard = false,
): Promise<BatchStats> {
  time.start()
  const chain = new ChainIds(config.chainId)
  const rejects = new Rejects(ctx, chain)
  // shared by every domain: accounts loaded first and written first, assets loaded after the domains
  const accounts = new Accounts(chain)
  const assets = new Assets(chain, config.nativeSymbol)
  const follows = new Follows(followed, tokenWildcard)
  const domains = createDomains(config, { chain, rejects, accounts, assets, follows })
  for (const d of domains) if (d.prepare) await d.prepare(ctx)
  time.mark('prepare')

  // Phase 1: each log (and fetched transaction) to the domain that routes it, decoded with no
  // database call. A transaction comes before its own logs.
  const ordered: [Handler<unknown> | TxHandler<unknown>, unknown][] = []
  let logs = 0
  const decodeLog = (log: Log) => {
    logs++
    for (const domain of domains) {
      const handler = domain.route(log)
      if (!handler) continue
      const event = handler.decode(log)
      if (event === undefined) break
      ordered.push([handler, event])
      assets.meetEvent(event)
      break
    }
  }
  const decodeTransaction = (tx: Transaction) => {
    for (const domain of domains) {
      const handler = domain.routeTransaction?.(tx)
      if (!handler) continue
      const event = handler.decodeTransaction(tx)
      if (event !== undefined) ordered.push([handler, event])
      break
    }
  }
  for (const block of ctx.blocks) {
    const txs = block.transactions
    let t = 0
    for (const log of block.logs) {
      while (t < txs.length && txs[t].transactionIndex <= log.transactionIndex) decodeTransaction(txs[t++])
      decodeLog(log)
    }
    while (t < txs.length) decodeTransaction(txs[t++])
  }
  time.mark('decode')

  // Phase 2. Assets met so far are loaded before the domains (a standalone token's name), those met
  // while loading (a vault's asset) after them.
  await accounts.load(ctx)
  await assets.load(ctx)
  time.mark('load accounts')
  for (const d of domains) {
    await d.load(ctx, (part) => time.mark(`load ${part}`))
    time.mark(`load ${d.name}`)
  }
  // A batch that found addresses the subscription lacks is replayed with them (follows.ts).
  if (follows.discovered.length) throw new FollowRestart(follows.discovered)
  await assets.load(ctx)
  time.mark('load assets')

  // Phase 3, then the rules over the whole batch.
  for (const [handler, event] of ordered) handler.apply(event)
  time.mark('apply')
  for (const d of domains) if (d.settle) await d.settle(ctx)
  time.mark('settle')

  // Phase 4, parents before children.
  await accounts.save(ctx)
  await assets.save(ctx)
  time.mark('save accounts')
  for (const d of domains) {
    await d.save(ctx, (part) => time.mark(`save ${part}`))
    time.mark(`save ${d.name}`)
  }
  if (rejects.rows.length) await upsertRows(ctx, rejects.rows)
  time.mark('save rejects')
  // blocks with items only: which other blocks a batch carries depends on its bounds, not the chain
  const withItems = ctx.blocks.filter((b) => b.logs.length || b.transactions.length)
  if (withItems.length) {
    await upsertRows(
      ctx,
      withItems.map(
        (b) =>
          new BlockTime({
            id: chain.of(String(b.header.height)),
            number: b.header.height,
            time: new Date(b.header.timestamp),
          }),
      ),
    )
  }
  time.mark('save block times')

  const last = ctx.blocks[ctx.blocks.length - 1]
  let head = last?.header.height ?? 0
  if (last) {
    head = await chainHeight().catch(() => last.header.height)
    await upsertRows(ctx, [
      new IndexerState({
        id: chain.of('state'),
        indexedHeight: last.header.height,
        chainHeight: Math.max(head, last.header.height),
        updatedAt: new Date(),
      }),
    ])
    time.mark('chain height + state')
  }
  return { logs, rejected: rejects.rows.length, chainHeight: Math.max(head, last?.header.height ?? 0) }
}
