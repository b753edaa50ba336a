import { Ctx, Query, Resolver } from 'type-graphql'
import { chainHealths, chainStatuses, mostLagging } from '../sql/status'
import type { ApiContext } from './common/context'
import { ChainStatus, IndexerStatus } from './common/types'

@Resolver()
export class StatusResolver {
  @Query(() => IndexerStatus, {
    description:
      'How far the index is behind the chain; with several chains, the chain that lags most. Example: `{ indexerStatus { indexedHeight chainHeight lagBlocks } }`',
  })
  async indexerStatus(@Ctx() ctx: ApiContext): Promise<IndexerStatus> {
    const s = mostLagging(await chainStatuses(ctx.db))
    // the network file's explorer, as the processor's supervisor read it
    return { ...s, explorerUrl: s.processor?.explorerUrl ?? null }
  }

  @Query(() => [ChainStatus], {
    description:
      'Every chain of the deployment, by chain id, with its heights and health. Example: `{ chains { chainId name indexedHeight lagBlocks healthy } }`',
  })
  async chains(@Ctx() ctx: ApiContext): Promise<ChainStatus[]> {
    return chainHealths(await chainStatuses(ctx.db)).map((c) => ({
      chainId: c.chainId,
      name: c.name,
      indexedHeight: c.indexedHeight,
      finalizedHeight: c.finalizedHeight,
      chainHeight: c.chainHeight,
      lagBlocks: c.lagBlocks,
      healthy: c.health !== 'stalled',
      status: c.health,
      explorerUrl: c.processor?.explorerUrl ?? null,
    }))
  }
}
