import { GraphQLError } from 'graphql'
import { Ctx, Query, Resolver, Root, Subscription } from 'type-graphql'
import { indexEvents } from '../sql/watch'
import type { IndexEvent, Reorg } from '../sql/watch'
import { chainHealths, chainStatuses, mostLagging, type ChainStatusReport } from '../sql/status'
import type { ApiContext } from './common/context'
import { ChainStatus, IndexerStatus } from './common/types'

function indexerStatusOf(chains: ChainStatusReport[], rolledBack: Reorg[]): IndexerStatus {
  const s = mostLagging(chains)
  // the network file's explorer, as the processor's supervisor read it
  return { ...s, explorerUrl: s.processor?.explorerUrl ?? null, rolledBack }
}

function chainStatusesOf(chains: ChainStatusReport[], rolledBack: Reorg[]): ChainStatus[] {
  return chainHealths(chains).map((c) => {
    const reorgs = rolledBack.filter((r) => r.chainId === c.chainId)
    return {
      chainId: c.chainId,
      name: c.name,
      indexedHeight: c.indexedHeight,
      finalizedHeight: c.finalizedHeight,
      chainHeight: c.chainHeight,
      lagBlocks: c.lagBlocks,
      healthy: c.health !== 'stalled',
      status: c.health,
      explorerUrl: c.processor?.explorerUrl ?? null,
      // several reorgs of one chain between two pushes: the range covering them all
      rolledBack: reorgs.length
        ? {
            chainId: c.chainId,
            fromBlock: Math.min(...reorgs.map((r) => r.fromBlock)),
            toBlock: Math.max(...reorgs.map((r) => r.toBlock)),
          }
        : null,
    }
  })
}

@Resolver()
export class StatusResolver {
  @Query(() => IndexerStatus, {
    description:
      'How far the index is behind the chain; with several chains, the chain that lags most. Example: `{ indexerStatus { indexedHeight chainHeight lagBlocks } }`',
  })
  async indexerStatus(@Ctx() ctx: ApiContext): Promise<IndexerStatus> {
    return indexerStatusOf(await chainStatuses(ctx.db), [])
  }

  @Query(() => [ChainStatus], {
    description:
      'Every chain of the deployment, by chain id, with its heights and health. Example: `{ chains { chainId name indexedHeight lagBlocks healthy } }`',
  })
  async chains(@Ctx() ctx: ApiContext): Promise<ChainStatus[]> {
    return chainStatusesOf(await chainStatuses(ctx.db), [])
  }
}

/** The index's events, over WebSocket only (graphql-ws at /graphql; docs/api.md, "Live data"). */
function events(ctx: ApiContext): AsyncIterable<IndexEvent> {
  if (!ctx.live) throw new GraphQLError('subscriptions are served over WebSocket (graphql-ws) at /graphql')
  return indexEvents(ctx.live)
}

@Resolver()
export class StatusSubscriptions {
  @Subscription(() => IndexerStatus, {
    name: 'indexerStatus',
    subscribe: ({ context }) => events(context as ApiContext),
    description:
      'The index status now, then again after every newly indexed block and after every reorg (`rolledBack` names the blocks undone). Example: `subscription { indexerStatus { indexedHeight lagBlocks rolledBack { chainId fromBlock toBlock } } }`',
  })
  indexerStatus(@Root() e: IndexEvent): IndexerStatus {
    return indexerStatusOf(e.chains, e.reorgs)
  }

  @Subscription(() => [ChainStatus], {
    name: 'chains',
    subscribe: ({ context }) => events(context as ApiContext),
    description:
      'Every chain now, then again after every newly indexed block and reorg of any chain. Example: `subscription { chains { chainId indexedHeight healthy rolledBack { fromBlock toBlock } } }`',
  })
  chains(@Root() e: IndexEvent): ChainStatus[] {
    return chainStatusesOf(e.chains, e.reorgs)
  }
}
