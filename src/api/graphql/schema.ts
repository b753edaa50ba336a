import 'reflect-metadata'
import { buildSchema } from 'type-graphql'
import { DateTimeResolver } from 'graphql-scalars'
import type { GraphQLSchema } from 'graphql'
import { AnalyticsResolver } from './analytics'
import { GpuResolver, StatusResolver } from './resolvers'

export async function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [StatusResolver, GpuResolver, AnalyticsResolver],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    emitSchemaFile: false,
  })
}
