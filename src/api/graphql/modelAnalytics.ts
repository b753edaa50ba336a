import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql'
import { Asset } from './entities/types'
import { type Bucket as BucketName, bucketStarts } from '../sql/time'
import { apyOf, tokenApr } from '../analytics/rates'
import { idOn } from '../../mappings/shared/chain'
import { holderRevenue, modelTokensOf, modelUsage, revenuePerToken, tokenInfo } from '../sql/models'
import { MODEL_TOKEN } from '../sql/specs'
import { addressArg, AS_OF_ARG, asOfArg, nonNegative, windowArg } from './common/args'
import type { ApiContext } from './common/context'
import { CHAIN_ARG, refOf, uniqueRow } from './common/chains'
import { badInput, notFound } from './common/errors'
import { Bucket } from './common/types'
import { BigIntScalar } from './common/scalars'

@ObjectType({ description: 'Revenue per token of a model token and its yield on the offering price' })
export class ModelTokenYieldReport {
  @Field(() => BigIntScalar, {
    nullable: true,
    description: 'price per whole token of the successful offering; null if none',
  })
  offeringPrice: bigint | null
  @Field(() => BigIntScalar, {
    description: 'Σ floor(claimable · 10^18 / totalSupply) over snapshots in the window: asset units per whole token',
  })
  revenuePerToken: bigint
  @Field(() => Int, { description: 'snapshots in the window' })
  snapshots: number
  @Field(() => Float, {
    nullable: true,
    description: 'revenuePerToken / offeringPrice · 365 / days; null without a successful offering',
  })
  apr: number | null
  @Field(() => Float, { nullable: true, description: '(1 + apr/365)^365 - 1' })
  apy: number | null
  @Field(() => Asset, { nullable: true, description: 'the revenue asset, in which revenuePerToken is counted' })
  assetInfo: Asset | null
}

@ObjectType({ description: "A holder's revenue from a model token's snapshots" })
export class HolderRevenue {
  @Field(() => BigIntScalar, { description: 'token balance (as of the block, with asOfBlock)' })
  balance: bigint
  @Field(() => BigIntScalar, { description: 'Σ entitlements over all snapshots' })
  entitled: bigint
  @Field(() => BigIntScalar, { description: 'Σ claims of the holder (RevenueClaimed, or ERC-7641 claim transactions)' })
  claimed: bigint
  @Field(() => BigIntScalar, { description: 'Σ entitlements of the snapshots not yet claimed, nor expired' })
  unclaimed: bigint
  @Field(() => BigIntScalar, {
    description: 'Σ entitlements that expired unclaimed (ERC-7641 tokens that roll them into a later snapshot)',
  })
  expired: bigint
}

@ObjectType({ description: 'Inference requests in one bucket' })
export class ModelUsagePoint {
  @Field(() => Date, { description: 'UTC start of the bucket' })
  bucketStart: Date
  @Field(() => Int, { description: 'requests in the bucket' })
  requests: number
  @Field(() => BigIntScalar, { description: 'Σ fees in the bucket' })
  fees: bigint
  @Field(() => Int, { description: 'distinct callers in the bucket' })
  callers: number
  @Field(() => Float, { nullable: true, description: "share of the bucket's requests fulfilled; null: no requests" })
  fulfilledShare: number | null
  @Field(() => Float, {
    nullable: true,
    description: 'median fulfilment latency (s) of the fulfilled requests made in the bucket; null: none',
  })
  medianLatencySec: number | null
}

@ObjectType({ description: 'Paid inference of a model over a window (by request block time)' })
export class ModelUsageReport {
  @Field(() => Asset, { nullable: true, description: "the model token's revenue asset, in which the fees are paid" })
  assetInfo: Asset | null
  @Field(() => Int, { description: 'requests with block time in the window' })
  requests: number
  @Field(() => BigIntScalar, { description: 'Σ fees of the requests' })
  fees: bigint
  @Field(() => Int, { description: 'distinct callers' })
  callers: number
  @Field(() => Float, {
    nullable: true,
    description: 'share of the requests fulfilled (at any time); null: no requests',
  })
  fulfilledShare: number | null
  @Field(() => Float, { nullable: true, description: 'median fulfilment latency in seconds; null: none fulfilled' })
  medianLatencySec: number | null
  @Field(() => [ModelUsagePoint], {
    description: 'one point per bucket when `bucket` is given (empty buckets included)',
  })
  points: ModelUsagePoint[]
}

/** The model token a client names (an address, or an opaque id), indexed: else NOT_FOUND. */
async function indexedToken(ctx: ApiContext, tokenArg: string, chainId: number | null) {
  const ref = await refOf(ctx, tokenArg, chainId, 'token', addressArg)
  const token = await uniqueRow<{ id: string; chainId: number }>(ctx, MODEL_TOKEN, ref, 'model token')
  if (!token) throw notFound(`model token ${ref.shown.toLowerCase()} is not indexed`)
  return token
}

@Resolver()
export class ModelAnalyticsResolver {
  @Query(() => ModelTokenYieldReport, {
    description:
      'Snapshot revenue per token and APR/APY on the offering price. Example: `{ modelTokenYield(token: "0x…", from: "2026-09-07T00:00:00Z", to: "2026-09-17T00:00:00Z") { offeringPrice revenuePerToken apr } }`',
  })
  async modelTokenYield(
    @Arg('token', () => String) tokenArg: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<ModelTokenYieldReport> {
    const window = windowArg(from, to)
    const token = await indexedToken(ctx, tokenArg, chainId)
    const info = (await tokenInfo(ctx.db, token.id))!
    const r = await revenuePerToken(ctx.db, token.id, window)
    const price = info.offeringStatus === 'SUCCEEDED' ? info.offeringPrice : null
    const days = (to.getTime() - from.getTime()) / 86_400_000
    const apr = tokenApr(r.perToken, price, days)
    const assetInfo = await ctx.loaders.asset(token.chainId, info.revenueAsset)
    return {
      offeringPrice: price,
      revenuePerToken: r.perToken,
      snapshots: r.snapshots,
      apr,
      apy: apyOf(apr),
      assetInfo,
    }
  }

  @Query(() => HolderRevenue, {
    description:
      'What a holder was entitled to, claimed and can still claim, now or as of a block of the token\'s chain. Example: `{ holderRevenue(token: "0x…", holder: "0x…", asOfBlock: 120) { balance entitled claimed unclaimed } }`',
  })
  async holderRevenue(
    @Arg('token', () => String) tokenArg: string,
    @Arg('holder', () => String) holderArg: string,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Arg('asOfBlock', () => Int, AS_OF_ARG) asOfBlock: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<HolderRevenue> {
    const holder = addressArg(holderArg, 'holder')
    const token = await indexedToken(ctx, tokenArg, chainId)
    const cut = await asOfArg(ctx, token.chainId, asOfBlock)
    return holderRevenue(ctx.db, token.id, idOn(token.chainId, holder), cut?.block ?? null)
  }

  @Query(() => ModelUsageReport, {
    description:
      'Requests, fees, callers, fulfilment and median latency of a model. Example: `{ modelUsage(modelId: "1", from: "2026-09-07T00:00:00Z", to: "2026-09-17T00:00:00Z", bucket: DAY) { requests fees medianLatencySec points { bucketStart requests } } }`',
  })
  async modelUsage(
    @Arg('modelId', () => BigIntScalar) modelId: bigint,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('bucket', () => Bucket, { nullable: true }) bucket: Bucket | null,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<ModelUsageReport> {
    nonNegative(modelId, 'modelId')
    const window = windowArg(from, to, bucket as BucketName | null)
    const tokens = (await modelTokensOf(ctx.db, modelId)).filter((t) => chainId == null || t.chainId === chainId)
    const chains = tokens.map((t) => t.chainId)
    const on = chainId == null ? '' : ` on chain ${chainId}`
    if (chains.length === 0) throw notFound(`model ${modelId} has no indexed model token${on}`)
    if (chains.length > 1)
      throw badInput(
        `model ${modelId} has model tokens on chains ${chains.join(', ')}: give chainId to say which`,
        'chainId',
      )
    const { totals, buckets } = await modelUsage(ctx.db, chains[0], modelId, window, bucket as BucketName | null)
    const byStart = new Map(buckets.map((b) => [b.bucketStart, b]))
    const assetInfo = await ctx.loaders.asset(tokens[0].chainId, tokens[0].revenueAsset)
    return {
      assetInfo,
      requests: totals.requests,
      fees: totals.fees,
      callers: totals.callers,
      fulfilledShare: totals.requests === 0 ? null : totals.fulfilled / totals.requests,
      medianLatencySec: totals.medianLatencySec,
      points: bucket
        ? bucketStarts(bucket as BucketName, window).map((t) => {
            const b = byStart.get(t)
            return {
              bucketStart: new Date(t),
              requests: b?.requests ?? 0,
              fees: b?.fees ?? 0n,
              callers: b?.callers ?? 0,
              fulfilledShare: b && b.requests > 0 ? b.fulfilled / b.requests : null,
              medianLatencySec: b?.medianLatencySec ?? null,
            }
          })
        : [],
    }
  }
}
