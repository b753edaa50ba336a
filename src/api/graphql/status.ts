import { Ctx, Query, Resolver } from 'type-graphql'
import { indexerStatus } from '../db/status'
import type { ApiContext } from './context'
import { IndexerStatus } from './types'

@Resolver()
export class StatusResolver {
  @Query(() => IndexerStatus, {
    description:
      'How far the index is behind the chain. Example: `{ indexerStatus { indexedHeight chainHeight lagBlocks } }`',
  })
  async indexerStatus(@Ctx() ctx: ApiContext): Promise<IndexerStatus> {
    return indexerStatus(ctx.db)
  }
}
