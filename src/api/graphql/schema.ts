import 'reflect-metadata'
import { buildSchema } from 'type-graphql'
import { DateTimeResolver } from 'graphql-scalars'
import type { GraphQLSchema } from 'graphql'
import { AnalyticsResolver } from './gpuAnalytics'
import { ModelAnalyticsResolver } from './modelAnalytics'
import { ProvenanceResolver } from './provenance'
import { VaultAnalyticsResolver } from './vaultAnalytics'
import { GpuResolver, StatusResolver } from './resolvers'

export async function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      StatusResolver,
      GpuResolver,
      AnalyticsResolver,
      VaultAnalyticsResolver,
      ModelAnalyticsResolver,
      ProvenanceResolver,
    ],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    emitSchemaFile: false,
  })
}
