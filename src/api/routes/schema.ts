import { printSchema, type GraphQLSchema } from 'graphql'
import { type Route } from '../http/respond'
import { sendStatic, staticFile } from '../http/static'

/**
 * GET /schema.graphql: the API's schema as SDL, with every description, for code generators
 * (README, "Typed clients"). It is the schema the server runs, printed once at start.
 */
export function schemaRoute(schema: GraphQLSchema): Route {
  const file = staticFile('application/graphql; charset=utf-8', Buffer.from(printSchema(schema) + '\n'))
  return { method: 'GET', path: /^\/schema\.graphql$/, handle: async (req, res) => sendStatic(req, res, file) }
}
