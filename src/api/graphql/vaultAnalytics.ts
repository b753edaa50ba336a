import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql'
import { type Bucket as BucketName, bucketMs, bucketStarts } from '../sql/time'
import { vaultRates } from '../analytics/rates'
import {
  firstVaultState,
  vaultInfo,
  vaultFlows,
  vaultFlowSums,
  vaultStatesAt,
  type VaultInfo,
  type VaultStateAt,
} from '../sql/vaultYield'
import { addressArg, windowArg } from './common/args'
import { CHAIN_ARG, refOf, uniqueRow } from './common/chains'
import { VAULT } from '../sql/specs'
import type { ApiContext } from './common/context'
import { notFound } from './common/errors'
import { Bucket } from './common/types'
import { BigIntScalar } from './common/scalars'
import { Asset } from './entities/types'
import { pricePerShare } from '../../mappings/vault/pps'

@ObjectType({ description: 'Price per share at the end of a bucket' })
export class PpsPoint {
  @Field(() => Date, { description: 'UTC start of the bucket' })
  bucketStart: Date
  @Field(() => Float, {
    nullable: true,
    description:
      'price per share in asset units, (totalAssets / 10^assetDecimals) / (totalSupply / 10^shareDecimals), of the last state at or before the bucket end (capped at `to`); null before the vault existed or with no shares',
  })
  pps: number | null
  @Field(() => BigIntScalar, {
    description: 'totalAssets at the bucket end (capped at `to`); 0 before the vault existed',
  })
  tvl: bigint
  @Field(() => BigIntScalar, { description: 'assets deposited with block time in the bucket (within the window)' })
  deposits: bigint
  @Field(() => BigIntScalar, { description: 'assets withdrawn with block time in the bucket (within the window)' })
  withdrawals: bigint
}

@ObjectType({ description: 'Yield of an ERC-4626 vault from its price per share' })
export class VaultYieldReport {
  @Field(() => Float, {
    nullable: true,
    description: 'pps at `from`, or at the first event when the vault started later',
  })
  ppsStart: number | null
  @Field(() => Float, { nullable: true, description: 'pps at `to`' })
  ppsEnd: number | null
  @Field(() => Float, { nullable: true, description: '(ppsEnd/ppsStart - 1) · 365 / days' })
  apr: number | null
  @Field(() => Float, { nullable: true, description: '(ppsEnd/ppsStart)^(365/days) - 1' })
  apy: number | null
  @Field(() => BigIntScalar, { description: 'totalAssets at `to`' })
  tvl: bigint
  @Field(() => BigIntScalar, { description: 'Σ assets of Deposit events in the window' })
  deposits: bigint
  @Field(() => BigIntScalar, { description: 'Σ assets of Withdraw events in the window' })
  withdrawals: bigint
  @Field(() => [PpsPoint], { description: 'one point per bucket when `bucket` is given, else empty' })
  points: PpsPoint[]
  @Field(() => Asset, { nullable: true, description: 'the vault’s asset, in which tvl and the flows are counted' })
  assetInfo: Asset | null
}

/** pps in asset units per share from the exact state (null while there are no shares): docs/metrics.md. */
function ppsOf(s: VaultStateAt | null, v: VaultInfo): number | null {
  return s == null ? null : pricePerShare(s.totalAssets, s.totalSupply, v.assetDecimals, v.shareDecimals)
}

@Resolver()
export class VaultAnalyticsResolver {
  @Query(() => VaultYieldReport, {
    description:
      'APR/APY, TVL and flows of a vault over a window. Example: `{ vaultYield(vault: "0x…", from: "2026-09-07T00:00:00Z", to: "2026-09-17T00:00:00Z", bucket: DAY) { apr apy tvl points { bucketStart pps } } }`',
  })
  async vaultYield(
    @Arg('vault', () => String) vaultArg: string,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('bucket', () => Bucket, { nullable: true }) bucket: Bucket | null,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<VaultYieldReport> {
    const ref = await refOf(ctx, vaultArg, chainId, 'vault', addressArg)
    const window = windowArg(from, to, bucket as BucketName | null)
    const row = await uniqueRow<{ id: string; chainId: number }>(ctx, VAULT, ref, 'vault')
    const vault = row?.id
    const info = vault == null ? null : await vaultInfo(ctx.db, vault)
    if (!vault || !row || !info) throw notFound(`vault ${ref.shown.toLowerCase()} is not indexed`)
    const pps = (s: VaultStateAt | null) => ppsOf(s, info)

    const starts = bucket ? bucketStarts(bucket as BucketName, window) : []
    const ends = starts.map((t) => new Date(Math.min(t + bucketMs(bucket as BucketName), to.getTime())))
    const [first, states, flows, series] = await Promise.all([
      firstVaultState(ctx.db, vault),
      vaultStatesAt(ctx.db, vault, [from, to, ...ends]),
      vaultFlowSums(ctx.db, vault, window),
      bucket ? vaultFlows(ctx.db, vault, window, bucket as BucketName) : Promise.resolve([]),
    ])
    const flowOf = new Map(series.map((f) => [f.bucketStart, f]))
    const [atFrom, atTo, ...atEnds] = states
    // A vault younger than the window: start at its first event (docs/metrics.md).
    let start: number | null = from.getTime()
    let startState = atFrom
    if (atFrom == null) {
      const late = first != null && first.blockTime.getTime() < to.getTime()
      start = late ? first!.blockTime.getTime() : null
      startState = late ? first : null
    }
    const ppsStart = pps(startState)
    const ppsEnd = pps(atTo)
    // a vault younger than the window is measured from its first event
    const { apr, apy } = vaultRates(ppsStart, ppsEnd, start == null ? 0 : (to.getTime() - start) / 86_400_000)
    return {
      assetInfo: await ctx.loaders.asset(row.chainId, info.asset),
      ppsStart,
      ppsEnd,
      apr,
      apy,
      tvl: atTo?.totalAssets ?? 0n,
      deposits: flows.deposits,
      withdrawals: flows.withdrawals,
      points: starts.map((t, i) => ({
        bucketStart: new Date(t),
        pps: pps(atEnds[i]),
        tvl: atEnds[i]?.totalAssets ?? 0n,
        deposits: flowOf.get(t)?.deposits ?? 0n,
        withdrawals: flowOf.get(t)?.withdrawals ?? 0n,
      })),
    }
  }
}
