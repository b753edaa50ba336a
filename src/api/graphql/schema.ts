import 'reflect-metadata'
import { buildSchema } from 'type-graphql'
import { DateTimeResolver } from 'graphql-scalars'
import { DirectiveLocation, GraphQLDirective, specifiedDirectives, type GraphQLSchema } from 'graphql'
import { AccountResolver, RejectedEventResolver } from './entities/accounts'
import { ASSET_RESOLVERS } from './entities/assets'
import { GpuResolver, GpuTransferResolver, UsageRecordResolver } from './entities/compute'
import {
  HolderResolver,
  ModelTokenResolver,
  OfferingResolver,
  SnapshotResolver,
  VaultPositionResolver,
  VaultResolver,
} from './entities/finance'
import {
  ContributionResolver,
  DatasetResolver,
  DatasetVersionResolver,
  DerivationResolver,
  ModelVersionResolver,
  TrainingRunDatasetResolver,
  TrainingRunGpuResolver,
  TrainingRunResolver,
} from './entities/provenance'
import { AnalyticsResolver, GpuBreakdownAssetResolver, GpuYieldAssetResolver } from './gpuAnalytics'
import { ModelAnalyticsResolver } from './modelAnalytics'
import { ProvenanceResolver } from './provenance'
import { StatusResolver, StatusSubscriptions } from './status'
import { cappedText } from './common/text'
import { Dataset, ModelToken, ModelVersion } from './entities/types'
import { LineageNode } from './provenance'
import { VaultAnalyticsResolver } from './vaultAnalytics'

/** On-chain text fields: served capped, with `full: true` for the whole value (text.ts). */
const CAPPED_TEXT = [
  cappedText(ModelToken, 'name', 'ERC-20 name, as the token emitted it'),
  cappedText(ModelToken, 'symbol', 'ERC-20 symbol, as the token emitted it'),
  cappedText(Dataset, 'uri', 'where the data lives'),
  cappedText(ModelVersion, 'uri', 'where the weights live'),
  cappedText(LineageNode, 'label', 'a human label (uri, SKU, kind × items…)', true),
]

/**
 * type-graphql wants a PubSub once there are subscriptions; ours follow the index watcher
 * (api/live), not topics, so nothing is ever published here.
 */
/** `query @live { … }` over WebSocket: a live query (api/live/server.ts); over HTTP it runs once. */
export const LIVE_DIRECTIVE = new GraphQLDirective({
  name: 'live',
  locations: [DirectiveLocation.QUERY],
  description:
    'Over WebSocket (graphql-ws), the query is run again whenever the index advances or reorganizes, and its result is pushed each time it changed. Over HTTP it runs once.',
})

const NO_TOPICS = {
  publish(): never {
    throw new Error('subscriptions follow the index (api/live), not topics')
  },
  subscribe(): never {
    throw new Error('subscriptions follow the index (api/live), not topics')
  },
}

export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [
      StatusResolver,
      StatusSubscriptions,
      AnalyticsResolver,
      VaultAnalyticsResolver,
      ModelAnalyticsResolver,
      ProvenanceResolver,
      GpuResolver,
      GpuTransferResolver,
      UsageRecordResolver,
      VaultResolver,
      VaultPositionResolver,
      ModelTokenResolver,
      OfferingResolver,
      HolderResolver,
      SnapshotResolver,
      DatasetResolver,
      DatasetVersionResolver,
      DerivationResolver,
      ContributionResolver,
      ModelVersionResolver,
      TrainingRunResolver,
      TrainingRunDatasetResolver,
      TrainingRunGpuResolver,
      AccountResolver,
      RejectedEventResolver,
      ...ASSET_RESOLVERS,
      GpuYieldAssetResolver,
      GpuBreakdownAssetResolver,
      ...CAPPED_TEXT,
    ],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    emitSchemaFile: false,
    pubSub: NO_TOPICS,
    // the given list replaces the standard ones (@include, @skip, …), so they are named too
    directives: [...specifiedDirectives, LIVE_DIRECTIVE],
  })
  schema.getQueryType()!.description =
    'deai-squid: analytics (utilization, yields, usage, lineage, impact, attribution) and the indexed entities of tokenized GPUs, vaults, model tokens and training data'
  schema.getSubscriptionType()!.description =
    'Live data over WebSocket (graphql-ws at /graphql): the index status after every new block and reorg. Any query can be live too: `query @live { … }`'
  return schema
}
