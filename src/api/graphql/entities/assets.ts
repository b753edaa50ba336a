import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql'
import { ASSET } from '../../sql/specs'
import { addressArg } from '../common/args'
import { CHAIN_ARG, refOf, uniqueRow } from '../common/chains'
import type { ApiContext } from '../common/context'
import { Asset, Gpu, ModelToken, Offering, UsageRecord, Vault } from './types'

/**
 * Token metadata (docs/api.md, "Units"): the `Asset` type, `asset(address)`, and beside every field
 * that names an asset by address, the same name with `Info`, so a client can show amounts with their
 * decimals and symbol. Loaded per request in one statement for a whole page.
 */
const info = (ctx: ApiContext, row: { chainId: number }, address: string | null | undefined) =>
  ctx.loaders.asset(row.chainId, address)

@Resolver(() => Asset)
export class AssetResolver {
  @Query(() => Asset, {
    nullable: true,
    description:
      'Metadata of an asset the index met (null for an address it never met). Example: `{ asset(address: "0x…") { symbol decimals } }`',
  })
  async asset(
    @Arg('address', () => String) address: string,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Ctx() ctx: ApiContext,
  ) {
    return uniqueRow(ctx, ASSET, await refOf(ctx, address, chainId, 'address', addressArg), 'asset')
  }
}

@Resolver(() => Vault)
export class VaultAssetResolver {
  @FieldResolver(() => Asset, { nullable: true, description: 'the vault’s asset: symbol and decimals' })
  assetInfo(@Root() v: Vault, @Ctx() ctx: ApiContext) {
    return info(ctx, v, v.asset)
  }
}

@Resolver(() => Gpu)
export class GpuAssetResolver {
  @FieldResolver(() => Asset, { nullable: true, description: 'the valuation asset: symbol and decimals' })
  valuationAssetInfo(@Root() g: Gpu, @Ctx() ctx: ApiContext) {
    return info(ctx, g, g.valuationAsset)
  }
}

@Resolver(() => UsageRecord)
export class UsageRecordAssetResolver {
  @FieldResolver(() => Asset, { nullable: true, description: 'the revenue asset: symbol and decimals' })
  assetInfo(@Root() u: UsageRecord, @Ctx() ctx: ApiContext) {
    return info(ctx, u, u.asset)
  }
}

@Resolver(() => ModelToken)
export class ModelTokenAssetResolver {
  @FieldResolver(() => Asset, { nullable: true, description: 'the revenue asset: symbol and decimals' })
  revenueAssetInfo(@Root() t: ModelToken, @Ctx() ctx: ApiContext) {
    return info(ctx, t, t.revenueAsset)
  }
}

@Resolver(() => Offering)
export class OfferingAssetResolver {
  @FieldResolver(() => Asset, { nullable: true, description: 'the raise asset: symbol and decimals' })
  raiseAssetInfo(@Root() o: Offering, @Ctx() ctx: ApiContext) {
    return info(ctx, o, o.raiseAsset)
  }
}

export const ASSET_RESOLVERS = [
  AssetResolver,
  VaultAssetResolver,
  GpuAssetResolver,
  UsageRecordAssetResolver,
  ModelTokenAssetResolver,
  OfferingAssetResolver,
] as const
