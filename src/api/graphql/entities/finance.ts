import type { WhereInput } from '../../sql/where'
import { whereInput } from '../common/where'
import type { GraphQLResolveInfo } from 'graphql'
import { Arg, Args, Ctx, Field, FieldResolver, ID, Info, InputType, Query, Resolver, Root, Int } from 'type-graphql'
import { ACCOUNT, HOLDER, MODEL_TOKEN, OFFERING, SNAPSHOT, VAULT, VAULT_POSITION } from '../../sql/specs'
import { addressArg, decimalId } from '../common/args'
import { CHAIN_ARG, lookup } from '../common/chains'
import type { ApiContext } from '../common/context'
import { connectionOf, listPage, orderEnum, PageArgs, ref } from './common'
import { Account, Holder, ModelToken, Offering, OfferingStatus, RevenueSnapshot, Vault, VaultPosition } from './types'

/** Vaults and model tokens: the money side of the economy. */
const VaultConnection = connectionOf('Vault', Vault)
const ModelTokenConnection = connectionOf('ModelToken', ModelToken)
const OfferingConnection = connectionOf('Offering', Offering)
const HolderConnection = connectionOf('Holder', Holder)
const SnapshotConnection = connectionOf('RevenueSnapshot', RevenueSnapshot)
const VaultOrder = orderEnum('VaultOrder', VAULT)
const ModelTokenOrder = orderEnum('ModelTokenOrder', MODEL_TOKEN)
const OfferingOrder = orderEnum('OfferingOrder', OFFERING)
const HolderOrder = orderEnum('HolderOrder', HOLDER)
const SnapshotOrder = orderEnum('RevenueSnapshotOrder', SNAPSHOT)

@InputType({ description: 'Model token filters' })
class ModelTokenFilter {
  @Field(() => String, { nullable: true, description: 'creator address' })
  creator?: string | null
}

@InputType({ description: 'Offering filters' })
class OfferingFilter {
  @Field(() => OfferingStatus, { nullable: true, description: 'offering state' })
  status?: OfferingStatus | null
}

@InputType({ description: 'Holder filters; all given must match' })
class HolderFilter {
  @Field(() => String, { nullable: true, description: 'model token address' })
  token?: string | null
  @Field(() => String, { nullable: true, description: 'holder address' })
  account?: string | null
  @Field(() => Boolean, { nullable: true, description: 'true: only positive balances' })
  positive?: boolean | null
}

@InputType({ description: 'Snapshot filters' })
class SnapshotFilter {
  @Field(() => String, { nullable: true, description: 'model token address' })
  token?: string | null
}

const ModelTokenWhere = whereInput('ModelTokenWhere', MODEL_TOKEN)
const HolderWhere = whereInput('HolderWhere', HOLDER)
const VaultWhere = whereInput('VaultWhere', VAULT)

@Resolver(() => Vault)
export class VaultResolver {
  @Query(() => Vault, { nullable: true, description: 'One vault by address' })
  vault(
    @Arg('id', () => ID) id: string,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Ctx() ctx: ApiContext,
  ) {
    return lookup(ctx, VAULT, id, chainId, 'id', addressArg, 'vault')
  }

  @Query(() => VaultConnection, {
    description: 'Vaults. Example: `{ vaults { nodes { id totalAssets pricePerShare } } }`',
  })
  vaults(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => VaultOrder, { nullable: true }) orderBy: string | null,
    @Arg('where', () => VaultWhere, {
      nullable: true,
      description: 'conditions with AND / OR / NOT (docs/api.md, "Filtering lists")',
    })
    where: WhereInput | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: ApiContext,
  ) {
    return listPage(ctx, info, VAULT, { ...page, orderBy }, {}, where)
  }

  @FieldResolver(() => [VaultPosition], { description: 'share positions, largest first' })
  positions(@Root() v: Vault, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(VAULT_POSITION, 'vault_id', v.id).then((rows) => [...rows].reverse())
  }
}

@Resolver(() => VaultPosition)
export class VaultPositionResolver {
  @FieldResolver(() => Vault, { description: 'the vault' })
  vault(@Root() p: VaultPosition, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(VAULT, p.vaultId)
  }
  @FieldResolver(() => Account, { description: 'the holder' })
  account(@Root() p: VaultPosition, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(ACCOUNT, p.accountId)
  }
}

@Resolver(() => ModelToken)
export class ModelTokenResolver {
  @Query(() => ModelToken, { nullable: true, description: 'One model token by address' })
  modelToken(
    @Arg('id', () => ID) id: string,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Ctx() ctx: ApiContext,
  ) {
    return lookup(ctx, MODEL_TOKEN, id, chainId, 'id', addressArg, 'model token')
  }

  @Query(() => ModelTokenConnection, {
    description:
      'Model tokens. Example: `{ modelTokens(orderBy: REVENUE_RECEIVED, direction: DESC) { nodes { symbol revenueReceived offering { status price } } } }`',
  })
  modelTokens(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => ModelTokenOrder, { nullable: true }) orderBy: string | null,
    @Arg('filter', () => ModelTokenFilter, { nullable: true }) filter: ModelTokenFilter | null,
    @Arg('where', () => ModelTokenWhere, {
      nullable: true,
      description: 'conditions with AND / OR / NOT (docs/api.md, "Filtering lists")',
    })
    where: WhereInput | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: ApiContext,
  ) {
    return listPage(ctx, info, MODEL_TOKEN, { ...page, orderBy }, { creator: ref(filter?.creator, addressArg) }, where)
  }

  @FieldResolver(() => Account, {
    nullable: true,
    description: 'account that created the model; null for a standalone token',
  })
  creator(@Root() t: ModelToken, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(ACCOUNT, t.creatorId)
  }

  @FieldResolver(() => Offering, { nullable: true, description: 'its initial offering' })
  offering(@Root() t: ModelToken, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(OFFERING, 'token_id', t.id).then((r) => r[0] ?? null)
  }
}

@Resolver(() => Offering)
export class OfferingResolver {
  @Query(() => Offering, { nullable: true, description: 'The offering of a modelId (decimal)' })
  offering(
    @Arg('modelId', () => ID) modelId: string,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Ctx() ctx: ApiContext,
  ) {
    return lookup(ctx, OFFERING, modelId, chainId, 'modelId', decimalId, 'offering of model')
  }

  @Query(() => OfferingConnection, {
    description:
      'Offerings. Example: `{ offerings(filter: { status: FAILED }) { nodes { modelId deposited target } } }`',
  })
  offerings(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => OfferingOrder, { nullable: true }) orderBy: string | null,
    @Arg('filter', () => OfferingFilter, { nullable: true }) filter: OfferingFilter | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: ApiContext,
  ) {
    return listPage(ctx, info, OFFERING, { ...page, orderBy }, { ...(filter ?? {}) })
  }

  @FieldResolver(() => ModelToken, { description: 'the model token sold' })
  token(@Root() o: Offering, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(MODEL_TOKEN, o.tokenId)
  }
}

@Resolver(() => Holder)
export class HolderResolver {
  @Query(() => HolderConnection, {
    description:
      'Model token holders. Example: `{ holders(filter: { token: "0x…", positive: true }, orderBy: BALANCE, direction: DESC) { nodes { balance account { id } } } }`',
  })
  holders(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => HolderOrder, { nullable: true }) orderBy: string | null,
    @Arg('filter', () => HolderFilter, { nullable: true }) filter: HolderFilter | null,
    @Arg('where', () => HolderWhere, {
      nullable: true,
      description: 'conditions with AND / OR / NOT (docs/api.md, "Filtering lists")',
    })
    where: WhereInput | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: ApiContext,
  ) {
    return listPage(
      ctx,
      info,
      HOLDER,
      { ...page, orderBy },
      {
        token: ref(filter?.token, addressArg),
        account: ref(filter?.account, addressArg),
        positive: filter?.positive,
      },
      where,
    )
  }

  @FieldResolver(() => ModelToken, { description: 'the model token' })
  token(@Root() h: Holder, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(MODEL_TOKEN, h.tokenId)
  }
  @FieldResolver(() => Account, { description: 'the holder' })
  account(@Root() h: Holder, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(ACCOUNT, h.accountId)
  }
}

@Resolver(() => RevenueSnapshot)
export class SnapshotResolver {
  @Query(() => SnapshotConnection, {
    description:
      'Revenue snapshots. Example: `{ revenueSnapshots(filter: { token: "0x…" }) { nodes { snapshotId claimable totalSupply } } }`',
  })
  revenueSnapshots(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => SnapshotOrder, { nullable: true }) orderBy: string | null,
    @Arg('filter', () => SnapshotFilter, { nullable: true }) filter: SnapshotFilter | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: ApiContext,
  ) {
    return listPage(ctx, info, SNAPSHOT, { ...page, orderBy }, { token: ref(filter?.token, addressArg) })
  }

  @FieldResolver(() => ModelToken, { description: 'the model token' })
  token(@Root() s: RevenueSnapshot, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(MODEL_TOKEN, s.tokenId)
  }
}
