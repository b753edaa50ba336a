import { GraphQLError } from 'graphql'

/** A bad argument: a typed error the client can act on, never a stack trace. */
export function badInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } })
}

export function notFound(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND', ...(argument ? { argument } : {}) } })
}
