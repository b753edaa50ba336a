import type { WhereInput } from '../../sql/where'
import { whereInput } from '../common/where'
import type { GraphQLResolveInfo } from 'graphql'
import { Arg, Args, Ctx, FieldResolver, ID, Info, InputType, Field, Query, Resolver, Root, Int } from 'type-graphql'
import { ACCOUNT, GPU, GPU_TRANSFER, USAGE_RECORD } from '../../sql/specs'
import { gpuAsOf } from '../../sql/asOf'
import { addressArg, AS_OF_ARG, asOfArg, decimalId } from '../common/args'
import { CHAIN_ARG, lookup } from '../common/chains'
import type { ApiContext } from '../common/context'
import { GpuStatus } from '../common/types'
import { connectionOf, listPage, orderEnum, PageArgs, ref } from './common'
import { Account, Gpu, GpuTransfer, UsageRecord } from './types'

const GpuConnection = connectionOf('Gpu', Gpu)
const UsageRecordConnection = connectionOf('UsageRecord', UsageRecord)
const GpuOrder = orderEnum('GpuOrder', GPU)
const UsageRecordOrder = orderEnum('UsageRecordOrder', USAGE_RECORD)

@InputType({ description: 'GPU filters; all given must match' })
class GpuFilter {
  @Field(() => String, { nullable: true, description: 'operator address (any case)' })
  operator?: string | null
  @Field(() => String, { nullable: true, description: 'owner address (any case)' })
  owner?: string | null
  @Field(() => String, { nullable: true, description: 'SKU label' })
  sku?: string | null
  @Field(() => String, { nullable: true, description: 'region label' })
  region?: string | null
  @Field(() => GpuStatus, { nullable: true, description: 'operating status' })
  status?: GpuStatus | null
}

@InputType({ description: 'Usage record filters; all given must match' })
class UsageRecordFilter {
  @Field(() => ID, { nullable: true, description: 'records of this gpuId' })
  gpuId?: string | null
  @Field(() => Date, { nullable: true, description: 'epochStart >= this' })
  epochStartFrom?: Date | null
  @Field(() => Date, { nullable: true, description: 'epochStart < this' })
  epochStartTo?: Date | null
  @Field(() => Boolean, { nullable: true, description: 'true: only corrected epochs; false: only uncorrected' })
  corrected?: boolean | null
}

const GpuWhere = whereInput('GpuWhere', GPU)
const UsageRecordWhere = whereInput('UsageRecordWhere', USAGE_RECORD)

@Resolver(() => Gpu)
export class GpuResolver {
  @Query(() => Gpu, {
    nullable: true,
    description:
      'One GPU by its gpuId (decimal); with `asOfBlock`, as it was after that block of its chain (owner, valuation, status; its transfers up to it; null if not registered yet). Example: `{ gpu(id: "1", asOfBlock: 40) { sku status valuation owner { address } } }`',
  })
  async gpu(
    @Arg('id', () => ID) id: string,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Arg('asOfBlock', () => Int, AS_OF_ARG) asOfBlock: number | null,
    @Ctx() ctx: ApiContext,
  ) {
    const gpu = await lookup<Gpu>(ctx, GPU, id, chainId, 'id', (v, a) => decimalId(v, a, 'gpuId'), 'GPU')
    if (!gpu || asOfBlock == null) return gpu
    await asOfArg(ctx, gpu.chainId, asOfBlock)
    if (gpu.registeredBlock > asOfBlock) return null
    const then = await gpuAsOf(ctx.db, gpu.id, asOfBlock)
    return {
      ...gpu,
      ownerId: then.ownerId,
      valuation: then.valuation ?? gpu.valuation,
      status: then.status ?? GpuStatus.ACTIVE,
      asOfBlock,
    }
  }

  @Query(() => GpuConnection, {
    description:
      'GPUs, filtered and ordered. Example: `{ gpus(first: 20, filter: { sku: "H100-SXM-80GB" }, orderBy: VALUATION, direction: DESC) { totalCount nodes { id valuation owner { id } } pageInfo { endCursor hasNextPage } } }`',
  })
  gpus(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => GpuOrder, { nullable: true }) orderBy: string | null,
    @Arg('filter', () => GpuFilter, { nullable: true }) filter: GpuFilter | null,
    @Arg('where', () => GpuWhere, {
      nullable: true,
      description: 'conditions with AND / OR / NOT (docs/api.md, "Filtering lists")',
    })
    where: WhereInput | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: ApiContext,
  ) {
    const f = filter ?? {}
    return listPage(
      ctx,
      info,
      GPU,
      { ...page, orderBy },
      {
        ...f,
        operator: ref(f.operator, addressArg),
        owner: ref(f.owner, addressArg),
      },
      where,
    )
  }

  @FieldResolver(() => Account, { nullable: true, description: 'current NFT owner: receives the net revenue' })
  owner(@Root() gpu: Gpu, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(ACCOUNT, gpu.ownerId)
  }

  @FieldResolver(() => Account, { description: 'operator running the machine' })
  operator(@Root() gpu: Gpu, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(ACCOUNT, gpu.operatorId)
  }

  @FieldResolver(() => [GpuTransfer], { description: 'ERC-721 transfers in chain order: the owner history' })
  async transfers(@Root() gpu: Gpu & { asOfBlock?: number }, @Ctx() ctx: ApiContext) {
    const all = await ctx.loaders.many<GpuTransfer>(GPU_TRANSFER, 'gpu_id', gpu.id)
    return gpu.asOfBlock == null ? all : all.filter((t) => t.evidence.blockNumber <= gpu.asOfBlock!)
  }
}

@Resolver(() => UsageRecord)
export class UsageRecordResolver {
  @Query(() => UsageRecordConnection, {
    description:
      'Usage records (the latest report per GPU epoch). Example: `{ usageRecords(filter: { gpuId: "1", corrected: true }) { nodes { epoch rentedSec reports } } }`',
  })
  usageRecords(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => UsageRecordOrder, { nullable: true }) orderBy: string | null,
    @Arg('filter', () => UsageRecordFilter, { nullable: true }) filter: UsageRecordFilter | null,
    @Arg('where', () => UsageRecordWhere, {
      nullable: true,
      description: 'conditions with AND / OR / NOT (docs/api.md, "Filtering lists")',
    })
    where: WhereInput | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: ApiContext,
  ) {
    const f = filter ?? {}
    return listPage(
      ctx,
      info,
      USAGE_RECORD,
      { ...page, orderBy },
      {
        ...f,
        gpuId: ref(f.gpuId, (v, a) => decimalId(v, a, 'gpuId')),
      },
      where,
    )
  }

  @FieldResolver(() => Gpu, { description: 'the GPU' })
  gpu(@Root() r: UsageRecord, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(GPU, r.gpuId)
  }
}

@Resolver(() => GpuTransfer)
export class GpuTransferResolver {
  @FieldResolver(() => Account, { description: 'the new owner' })
  to(@Root() t: GpuTransfer, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(ACCOUNT, t.toId)
  }
}
