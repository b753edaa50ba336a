import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql'
import { indexerStatus } from '../db/status'
import { listGpus } from '../db/entities'
import type { ApiContext } from './context'
import { badInput } from './errors'
import { Account, Evidence, Gpu, IndexerStatus } from './types'

const MAX_PAGE = 1000

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

@Resolver(() => Gpu)
export class GpuResolver {
  @Query(() => Gpu, {
    nullable: true,
    description: 'One GPU by its gpuId (decimal). Example: `{ gpu(id: "1") { sku owner { id } } }`',
  })
  async gpu(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<Gpu | null> {
    if (!/^\d{1,78}$/.test(id)) throw badInput(`id must be a decimal gpuId, got "${id}"`, 'id')
    return (await ctx.loaders.gpu.load(BigInt(id).toString())) as Gpu | null
  }

  @Query(() => [Gpu], { description: 'GPUs in gpuId order, after the given gpuId' })
  async gpus(
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('afterGpuId', () => String, { nullable: true }) afterGpuId: string | null,
    @Ctx() ctx: ApiContext,
  ): Promise<Gpu[]> {
    if (first < 0 || first > MAX_PAGE) throw badInput(`first must be between 0 and ${MAX_PAGE}`, 'first')
    if (afterGpuId != null && !/^\d{1,78}$/.test(afterGpuId))
      throw badInput('afterGpuId must be a decimal gpuId', 'afterGpuId')
    const rows = await listGpus(ctx.db, { first, afterGpuId })
    for (const r of rows) ctx.loaders.gpu.prime(r.id, r)
    return rows as Gpu[]
  }

  @FieldResolver(() => Account, { nullable: true, description: 'current NFT owner: receives the net revenue' })
  owner(@Root() gpu: Gpu, @Ctx() ctx: ApiContext) {
    return gpu.ownerId ? ctx.loaders.account.load(gpu.ownerId) : null
  }

  @FieldResolver(() => Account, { description: 'operator running the machine' })
  operator(@Root() gpu: Gpu, @Ctx() ctx: ApiContext) {
    return ctx.loaders.account.load(gpu.operatorId)
  }

  @FieldResolver(() => Evidence, { description: 'the GpuRegistered log' })
  evidence(@Root() gpu: Gpu): Evidence {
    return { txHash: gpu.txHash, blockNumber: gpu.registeredBlock, blockTime: gpu.registeredAt, logIndex: gpu.logIndex }
  }
}
