import { Ctx, Query, Resolver } from 'type-graphql'
import { indexerStatus } from '../sql/status'
import type { ApiContext } from './common/context'
import { IndexerStatus } from './common/types'

@Resolver()
export class StatusResolver {
  @Query(() => IndexerStatus, {
    description:
      'How far the index is behind the chain. Example: `{ indexerStatus { indexedHeight chainHeight lagBlocks } }`',
  })
  async indexerStatus(@Ctx() ctx: ApiContext): Promise<IndexerStatus> {
    const s = await indexerStatus(ctx.db)
    // the network file's explorer, as the processor's supervisor read it
    return { ...s, explorerUrl: s.processor?.explorerUrl ?? null }
  }
}
