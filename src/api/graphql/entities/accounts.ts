import type { GraphQLResolveInfo } from 'graphql'
import { Arg, Args, Ctx, Field, FieldResolver, ID, Info, InputType, Query, Resolver, Root, Int } from 'type-graphql'
import {
  ACCOUNT,
  CONTRIBUTION,
  DATASET,
  GPU,
  HOLDER,
  MODEL_TOKEN,
  REJECTED_EVENT,
  TRAINING_RUN,
  VAULT_POSITION,
} from '../../sql/specs'
import { addressArg } from '../common/args'
import { CHAIN_ARG, lookup } from '../common/chains'
import type { ApiContext } from '../common/context'
import { connectionOf, listPage, orderEnum, PageArgs } from './common'
import {
  Account,
  Contribution,
  Dataset,
  Gpu,
  Holder,
  ModelToken,
  RejectedEvent,
  TrainingRun,
  VaultPosition,
} from './types'

/** Accounts (everything an address holds or did, across domains) and rejected events. */
const AccountConnection = connectionOf('Account', Account)
const RejectedEventConnection = connectionOf('RejectedEvent', RejectedEvent)
const AccountOrder = orderEnum('AccountOrder', ACCOUNT)
const RejectedEventOrder = orderEnum('RejectedEventOrder', REJECTED_EVENT)

@InputType({ description: 'Rejected event filters; all given must match' })
class RejectedEventFilter {
  @Field(() => String, { nullable: true, description: 'emitting contract' })
  address?: string | null
  @Field(() => String, { nullable: true, description: 'event name, e.g. DatasetDerived' })
  eventName?: string | null
}

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, {
    nullable: true,
    description:
      'One account by address (any case), with what it holds and did. Example: `{ account(id: "0x…") { gpusOwned { id } holdings { balance token { symbol } } contributions { id revoked } } }`',
  })
  account(
    @Arg('id', () => ID) id: string,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Ctx() ctx: ApiContext,
  ) {
    return lookup(ctx, ACCOUNT, id, chainId, 'id', addressArg, 'account')
  }

  @Query(() => AccountConnection, { description: 'Accounts in order of first appearance' })
  accounts(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => AccountOrder, { nullable: true }) orderBy: string | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: ApiContext,
  ) {
    return listPage(ctx, info, ACCOUNT, { ...page, orderBy }, {})
  }

  @FieldResolver(() => [Gpu], { description: 'GPUs it owns (receives their net revenue)' })
  gpusOwned(@Root() a: Account, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(GPU, 'owner_id', a.id)
  }
  @FieldResolver(() => [Gpu], { description: 'GPUs it operates' })
  gpusOperated(@Root() a: Account, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(GPU, 'operator_id', a.id)
  }
  @FieldResolver(() => [VaultPosition], { description: 'vault shares it holds' })
  vaultPositions(@Root() a: Account, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(VAULT_POSITION, 'account_id', a.id)
  }
  @FieldResolver(() => [Holder], { description: 'model token balances' })
  holdings(@Root() a: Account, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(HOLDER, 'account_id', a.id)
  }
  @FieldResolver(() => [ModelToken], { description: 'model tokens it created' })
  modelTokensCreated(@Root() a: Account, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(MODEL_TOKEN, 'creator_id', a.id)
  }
  @FieldResolver(() => [Dataset], { description: 'datasets it registered' })
  datasets(@Root() a: Account, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(DATASET, 'owner_id', a.id)
  }
  @FieldResolver(() => [Contribution], { description: 'its data contributions (revoked included)' })
  contributions(@Root() a: Account, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(CONTRIBUTION, 'contributor_id', a.id)
  }
  @FieldResolver(() => [TrainingRun], { description: 'training runs it attested' })
  runsAttested(@Root() a: Account, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(TRAINING_RUN, 'attester_id', a.id)
  }
}

@Resolver(() => RejectedEvent)
export class RejectedEventResolver {
  @Query(() => RejectedEventConnection, {
    description:
      'Logs at configured addresses that were not indexed, with the reason. Example: `{ rejectedEvents(first: 20) { totalCount nodes { address eventName reason evidence { txHash blockNumber } } } }`',
  })
  rejectedEvents(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => RejectedEventOrder, { nullable: true }) orderBy: string | null,
    @Arg('filter', () => RejectedEventFilter, { nullable: true }) filter: RejectedEventFilter | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: ApiContext,
  ) {
    return listPage(
      ctx,
      info,
      REJECTED_EVENT,
      { ...page, orderBy },
      {
        address: filter?.address == null ? null : addressArg(filter.address, 'filter.address'),
        eventName: filter?.eventName,
      },
    )
  }
}
