import { Arg, Ctx, Field, Float, InputType, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql'
import type { GpuScopeInput } from '../analytics/scope'
import { type Bucket as BucketName, bucketStarts, checkWindow, ratio } from '../analytics/window'
import { usageSums } from '../db/utilization'
import type { ApiContext } from './context'
import { badInput } from './errors'
import { BigIntScalar } from './scalars'

export enum Bucket {
  HOUR = 'HOUR',
  DAY = 'DAY',
  WEEK = 'WEEK',
}
registerEnumType(Bucket, { name: 'Bucket', description: 'UTC buckets of a series; weeks start Monday 00:00 UTC' })

@InputType({ description: 'A set of GPUs. All fields null = the whole fleet; several fields = all of them must match' })
export class GpuScope implements GpuScopeInput {
  @Field(() => [BigIntScalar], { nullable: true, description: 'these gpuIds' })
  gpuIds?: bigint[] | null
  @Field(() => String, { nullable: true, description: 'GPUs run by this operator address (any case)' })
  operator?: string | null
  @Field(() => String, { nullable: true, description: 'GPUs of this SKU label, e.g. "H100-SXM-80GB"' })
  sku?: string | null
  @Field(() => String, { nullable: true, description: 'GPUs in this region label, e.g. "eu-west"' })
  region?: string | null
}

@ObjectType({ description: 'Usage in one bucket' })
export class UtilizationPoint {
  @Field(() => Date, { description: 'UTC start of the bucket' })
  bucketStart: Date
  @Field(() => BigIntScalar)
  availableSec: bigint
  @Field(() => BigIntScalar)
  rentedSec: bigint
  @Field(() => Float, { nullable: true, description: 'rentedSec / availableSec; null when availableSec is 0' })
  utilization: number | null
}

@ObjectType({
  description:
    'Σ rentedSec / Σ availableSec over the latest usage record of each GPU epoch whose epochStart lies in [from, to)',
})
export class UtilizationReport {
  @Field(() => BigIntScalar)
  availableSec: bigint
  @Field(() => BigIntScalar)
  rentedSec: bigint
  @Field(() => Float, { nullable: true, description: 'null when availableSec is 0' })
  utilization: number | null
  @Field(() => [UtilizationPoint], {
    description: 'one point per bucket meeting the window when `bucket` is given (empty buckets included), else empty',
  })
  points: UtilizationPoint[]
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

export function checkScope(scope: GpuScope) {
  if (scope.operator != null && !ADDRESS.test(scope.operator)) {
    throw badInput(`scope.operator must be a 0x-prefixed 20-byte address, got "${scope.operator}"`, 'scope.operator')
  }
  if (scope.gpuIds && scope.gpuIds.some((g) => g < 0n)) throw badInput('scope.gpuIds must be >= 0', 'scope.gpuIds')
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
    checkScope(scope)
    const bad = checkWindow({ from, to }, bucket as BucketName | null)
    if (bad) throw badInput(bad.message, bad.argument)
    const window = { from, to }
    // One query: per bucket when a series is asked for (the total is their sum), else one total row.
    const rows = await usageSums(ctx.db, scope, window, bucket as BucketName | null)
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
}
