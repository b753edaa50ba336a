import { Arg, Ctx, Field, FieldResolver, Float, InputType, Int, ObjectType, Query, Resolver, Root } from 'type-graphql'
import { chainOfId, idOn, nativeId } from '../../mappings/shared/chain'
import { GPU } from '../sql/specs'
import { Asset } from './entities/types'
import type { GpuScopeInput } from '../sql/scope'
import { type Bucket as BucketName, bucketStarts } from '../sql/time'
import { apyOf, gpuApr, ratio } from '../analytics/rates'
import { gpuBreakdownRows, gpuYieldSums } from '../sql/gpuYield'
import { unknownScopeValue } from '../sql/scope'
import { usageSums } from '../sql/utilization'
import type { ApiContext } from './common/context'
import { addressArg, windowArg } from './common/args'
import { badInput, notFound } from './common/errors'
import { BigIntScalar } from './common/scalars'
import { Bucket } from './common/types'

@InputType({
  description:
    'A set of GPUs. All fields null = the whole fleet of every chain; several fields = all of them must match',
})
export class GpuScope {
  @Field(() => [BigIntScalar], {
    nullable: true,
    description: 'these gpuIds, on every chain of the scope where they exist',
  })
  gpuIds?: bigint[] | null
  @Field(() => String, { nullable: true, description: 'GPUs run by this operator address (any case)' })
  operator?: string | null
  @Field(() => String, { nullable: true, description: 'GPUs of this SKU label, e.g. "H100-SXM-80GB"' })
  sku?: string | null
  @Field(() => String, { nullable: true, description: 'GPUs in this region label, e.g. "eu-west"' })
  region?: string | null
  @Field(() => [Int], { nullable: true, description: 'GPUs of these chains (chain ids); null: every chain' })
  chainIds?: number[] | null
}

@ObjectType({ description: 'Usage in one bucket' })
export class UtilizationPoint {
  @Field(() => Date, { description: 'UTC start of the bucket' })
  bucketStart: Date
  @Field(() => BigIntScalar, { description: 'Σ availableSec in the bucket' })
  availableSec: bigint
  @Field(() => BigIntScalar, { description: 'Σ rentedSec in the bucket' })
  rentedSec: bigint
  @Field(() => Float, { nullable: true, description: 'rentedSec / availableSec; null when availableSec is 0' })
  utilization: number | null
}

@ObjectType({
  description:
    'Σ rentedSec / Σ availableSec over the latest usage record of each GPU epoch whose epochStart lies in [from, to)',
})
export class UtilizationReport {
  @Field(() => BigIntScalar, { description: 'Σ availableSec' })
  availableSec: bigint
  @Field(() => BigIntScalar, { description: 'Σ rentedSec' })
  rentedSec: bigint
  @Field(() => Float, { nullable: true, description: 'null when availableSec is 0' })
  utilization: number | null
  @Field(() => [UtilizationPoint], {
    description: 'one point per bucket meeting the window when `bucket` is given (empty buckets included), else empty',
  })
  points: UtilizationPoint[]
}

@ObjectType({ description: 'Revenue and yield of a set of GPUs on their financed valuation' })
export class GpuYieldReport {
  @Field(() => String, {
    nullable: true,
    description: 'the valuation asset shared by the GPUs (null: no GPU in scope)',
  })
  asset: string | null
  @Field(() => Int, { nullable: true, description: 'the chain of that asset (null: no GPU in scope)' })
  assetChainId: number | null
  @Field(() => BigIntScalar, { description: 'Σ gross of RevenueDistributed with block time in the window' })
  gross: bigint
  @Field(() => BigIntScalar, { description: 'Σ operator fees' })
  operatorFee: bigint
  @Field(() => BigIntScalar, { description: 'Σ protocol fees' })
  protocolFee: bigint
  @Field(() => BigIntScalar, { description: 'Σ net paid to the GPU owners' })
  net: bigint
  @Field(() => Float, {
    nullable: true,
    description:
      "time-weighted mean valuation over the GPU's active window [max(from, registeredAt), to); for a set, the sum of each GPU's mean (the set's capital). null: no GPU active",
  })
  avgValuation: number | null
  @Field(() => Float, {
    nullable: true,
    description: 'Σ net / Σ (avgValuation_g · days(W_g)) · 365; null: no capital at work',
  })
  apr: number | null
  @Field(() => Float, { nullable: true, description: '(1 + apr/365)^365 - 1 (daily compounding)' })
  apy: number | null
}

@ObjectType({ description: 'Utilization and yield of one GPU over a window (a row of gpuBreakdown)' })
export class GpuBreakdownRow {
  @Field(() => Int, { description: 'the chain of the GPU' })
  chainId: number
  @Field(() => BigIntScalar, { description: 'the GPU' })
  gpuId: bigint
  @Field(() => String, { description: 'its valuation asset' })
  asset: string
  @Field(() => BigIntScalar, { description: 'Σ availableSec of its usage records with epochStart in the window' })
  availableSec: bigint
  @Field(() => BigIntScalar, { description: 'Σ rentedSec of the same records' })
  rentedSec: bigint
  @Field(() => Float, { nullable: true, description: 'rentedSec / availableSec; null when availableSec is 0' })
  utilization: number | null
  @Field(() => BigIntScalar, { description: 'Σ gross of its RevenueDistributed with block time in the window' })
  gross: bigint
  @Field(() => BigIntScalar, { description: 'Σ operator fees' })
  operatorFee: bigint
  @Field(() => BigIntScalar, { description: 'Σ protocol fees' })
  protocolFee: bigint
  @Field(() => BigIntScalar, { description: 'Σ net paid to its owner' })
  net: bigint
  @Field(() => Float, {
    nullable: true,
    description: 'time-weighted mean valuation over its active window; null when not active in the window',
  })
  avgValuation: number | null
  @Field(() => Float, { nullable: true, description: 'net / (avgValuation · days) · 365, as gpuYield' })
  apr: number | null
  @Field(() => Float, { nullable: true, description: '(1 + apr/365)^365 - 1' })
  apy: number | null
}

/**
 * A normalised scope (operator lowercase, gpuIds as the stored ids of those GPUs on the scope's
 * chains) whose every value the index knows: an id, operator, SKU or region no GPU of those chains
 * has is NOT_FOUND naming it, as for vaults and models.
 */
export async function checkScope(ctx: ApiContext, scope: GpuScope): Promise<GpuScopeInput> {
  if (scope.gpuIds && scope.gpuIds.some((g) => g < 0n)) throw badInput('scope.gpuIds must be >= 0', 'scope.gpuIds')
  const chainIds = scope.chainIds ?? null
  let gpuIds: string[] | null = null
  if (scope.gpuIds) {
    const chains = chainIds ?? (await ctx.chains())
    const candidates = scope.gpuIds.flatMap((g) => chains.map((c) => idOn(c, g)))
    const rows = await Promise.all(candidates.map((id) => ctx.loaders.one<{ id: string }>(GPU, id)))
    const found = new Set(rows.filter((r) => r != null).map((r) => r!.id))
    const missing = scope.gpuIds.find((g) => !chains.some((c) => found.has(idOn(c, g))))
    if (missing != null) throw notFound(`GPU ${missing} is not indexed (no GPU has it)`, 'scope.gpuIds')
    gpuIds = [...found]
  }
  const checked: GpuScopeInput = {
    gpuIds,
    chainIds,
    sku: scope.sku,
    region: scope.region,
    operator: scope.operator == null ? null : addressArg(scope.operator, 'scope.operator'),
  }
  const unknown = await unknownScopeValue(ctx.db, checked)
  if (unknown) throw notFound(`${unknown.value} is not indexed (no GPU has it)`, unknown.argument)
  return checked
}

@Resolver()
export class AnalyticsResolver {
  @Query(() => UtilizationReport, {
    description:
      'GPU utilization of a scope over a window, optionally as a series. Example: `{ gpuUtilization(scope: { sku: "H100-SXM-80GB" }, from: "2026-09-07T00:00:00Z", to: "2026-09-14T00:00:00Z", bucket: DAY) { utilization points { bucketStart utilization } } }`',
  })
  async gpuUtilization(
    @Arg('scope', () => GpuScope) scope: GpuScope,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('bucket', () => Bucket, { nullable: true }) bucket: Bucket | null,
    @Ctx() ctx: ApiContext,
  ): Promise<UtilizationReport> {
    const checked = await checkScope(ctx, scope)
    const window = windowArg(from, to, bucket as BucketName | null)
    // One query: per bucket when a series is asked for (the total is their sum), else one total row.
    const rows = await usageSums(ctx.db, checked, window, bucket as BucketName | null)
    const availableSec = rows.reduce((a, s) => a + s.availableSec, 0n)
    const rentedSec = rows.reduce((a, s) => a + s.rentedSec, 0n)
    let points: UtilizationPoint[] = []
    if (bucket) {
      const sums = new Map(rows.map((s) => [s.bucketStart, s]))
      points = bucketStarts(bucket as BucketName, window).map((t) => {
        const s = sums.get(t)
        const a = s?.availableSec ?? 0n
        const r = s?.rentedSec ?? 0n
        return { bucketStart: new Date(t), availableSec: a, rentedSec: r, utilization: ratio(r, a) }
      })
    }
    return { availableSec, rentedSec, utilization: ratio(rentedSec, availableSec), points }
  }

  @Query(() => GpuYieldReport, {
    description:
      'Revenue and APR/APY of one GPU or a set, on the GPUs\' valuation. Example: `{ gpuYield(scope: { gpuIds: ["1"] }, from: "2026-09-07T00:00:00Z", to: "2026-09-14T00:00:00Z") { net avgValuation apr apy } }`',
  })
  async gpuYield(
    @Arg('scope', () => GpuScope) scope: GpuScope,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: ApiContext,
  ): Promise<GpuYieldReport> {
    const window = windowArg(from, to)
    const s = await gpuYieldSums(ctx.db, await checkScope(ctx, scope), window)
    if (s.assets.length > 1) {
      throw badInput(
        `the GPUs in scope are valued in different assets (${s.assets.join(', ')}); narrow the scope to one asset`,
        'scope',
      )
    }
    // Σ (avgValuation_g · days(W_g)) = Σ ∫ valuation_g dt / 86400
    const apr = gpuApr(s.net, s.valuationSeconds)
    const asset = s.assets[0] ?? null
    return {
      asset: asset == null ? null : nativeId(asset),
      assetChainId: asset == null ? null : chainOfId(asset),
      gross: s.gross,
      operatorFee: s.operatorFee,
      protocolFee: s.protocolFee,
      net: s.net,
      avgValuation: s.avgValuationSum,
      apr,
      apy: apyOf(apr),
    }
  }

  @Query(() => [GpuBreakdownRow], {
    description:
      'Utilization and yield of every GPU in a scope over a window, one row per GPU, in one statement (the same numbers as gpuUtilization and gpuYield asked GPU by GPU). Example: `{ gpuBreakdown(scope: { region: "eu-west" }, from: "2026-09-07T00:00:00Z", to: "2026-09-14T00:00:00Z") { gpuId utilization net apr } }`',
  })
  async gpuBreakdown(
    @Arg('scope', () => GpuScope) scope: GpuScope,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Ctx() ctx: ApiContext,
  ): Promise<GpuBreakdownRow[]> {
    const rows = await gpuBreakdownRows(ctx.db, await checkScope(ctx, scope), windowArg(from, to))
    return rows.map((r) => {
      const apr = gpuApr(r.net, r.valuationSeconds)
      return {
        chainId: r.chainId,
        gpuId: r.gpuId,
        asset: r.asset,
        availableSec: r.availableSec,
        rentedSec: r.rentedSec,
        utilization: ratio(r.rentedSec, r.availableSec),
        gross: r.gross,
        operatorFee: r.operatorFee,
        protocolFee: r.protocolFee,
        net: r.net,
        avgValuation: r.activeSec > 0 ? r.valuationSeconds / r.activeSec : null,
        apr,
        apy: apyOf(apr),
      }
    })
  }
}

/** The asset's symbol and decimals beside its address (docs/api.md, "Units"). */
@Resolver(() => GpuYieldReport)
export class GpuYieldAssetResolver {
  @FieldResolver(() => Asset, { nullable: true, description: 'the valuation asset: symbol and decimals' })
  assetInfo(@Root() r: GpuYieldReport, @Ctx() ctx: ApiContext) {
    return r.assetChainId == null ? null : ctx.loaders.asset(r.assetChainId, r.asset)
  }
}

@Resolver(() => GpuBreakdownRow)
export class GpuBreakdownAssetResolver {
  @FieldResolver(() => Asset, { nullable: true, description: 'the valuation asset: symbol and decimals' })
  assetInfo(@Root() r: GpuBreakdownRow, @Ctx() ctx: ApiContext) {
    return ctx.loaders.asset(r.chainId, r.asset)
  }
}
