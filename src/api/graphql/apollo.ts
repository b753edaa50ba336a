import { ApolloServer, type ApolloServerPlugin } from '@apollo/server'
import { unwrapResolverError } from '@apollo/server/errors'
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled'
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql'
import { Lane } from '../sql/lane'
import type { ApiMetrics } from './metrics'
import { isUnavailable, type Db } from '../sql/pool'
import { assertNoNulText } from './common/args'
import { createContext, type ApiContext } from './common/context'
import { checkLimits, HEAVY_COST, MAX_TOKENS, rootFieldNames } from './limits'
import { createSchema } from './schema'

/** The GraphQL server: our schema, its limits, metrics and error policy (the HTTP transport is routes/graphql.ts). */
export async function createApollo(opts: { metrics: ApiMetrics; introspection: boolean; schema?: GraphQLSchema }) {
  const apollo = new ApolloServer<ApiContext>({
    schema: opts.schema ?? (await createSchema()),
    introspection: opts.introspection,
    includeStacktraceInErrorResponses: false,
    // the parser stops early on a huge document, so validating one can never be slow (limits.ts)
    parseOptions: { maxTokens: MAX_TOKENS },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // we send no cache hints, and its per-field hook cost ~10 % of a large response's time
      ApolloServerPluginCacheControlDisabled(),
      metricsPlugin(opts.metrics),
      limitsPlugin(),
      truncationPlugin(),
    ],
    formatError,
  })
  await apollo.start()
  return apollo
}

export type Apollo = Awaited<ReturnType<typeof createApollo>>

/** Runs a query through the schema (the same validation, numbers and metrics as POST /graphql). */
export function executor(apollo: Apollo, db: Db) {
  return async (query: string, variables: Record<string, unknown>) => {
    const r = await apollo.executeOperation({ query, variables }, { contextValue: createContext(db) })
    if (r.body.kind !== 'single') throw new Error('incremental delivery is not used')
    return r.body.singleResult
  }
}
export type Execute = ReturnType<typeof executor>

/** Errors we did not raise on purpose (database down, bugs) must not leak internals. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code
  if (code === 'INTERNAL_SERVER_ERROR' || code == null) {
    const original = unwrapResolverError(error) as any
    if (isUnavailable(original)) {
      return {
        message: 'the database is unavailable or overloaded; try again shortly',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      }
    }
    // undefined_table: the processor has not created the schema yet (see /health: "starting")
    if (original?.code === '42P01') {
      return { message: 'the index is not ready yet', extensions: { code: 'SERVICE_UNAVAILABLE' } }
    }
    // The client gets no internals; the operator gets the cause in the log.
    console.error(
      JSON.stringify({
        level: 'error',
        msg: 'request failed',
        path: formatted.path?.join('.'),
        error: String(original?.message ?? original).slice(0, 500),
        code: original?.code,
      }),
    )
    return { message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }
  }
  // A value the schema's types refuse (an operator a filter does not have, a text where a number
  // goes) is bad input, as it is when sent in a variable: same code, whichever way it came.
  if (code === 'GRAPHQL_VALIDATION_FAILED' && INPUT_VALUE.test(formatted.message)) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } }
  }
  return formatted
}
const INPUT_VALUE = /is not defined by type|cannot represent|Expected value of type|^BigInt must be a decimal/

/**
 * Latency and errors per GraphQL operation, labelled by each root field the request runs (through
 * fragments too; bounded by the schema): a request with several root fields counts for each.
 * `__typename` alone is labelled as such; a request that does not parse or validate, `invalid`.
 */
function metricsPlugin(metrics: ApiMetrics): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      const t0 = process.hrtime.bigint()
      let operations = ['invalid']
      return {
        async didResolveOperation(rc) {
          if (!rc.operation) return
          const names = rootFieldNames(rc.document, rc.operation)
          operations = names.length ? names : ['__typename']
        },
        async willSendResponse(rc) {
          const body = rc.response.body
          const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : []
          const codes = errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN'))
          const seconds = Number(process.hrtime.bigint() - t0) / 1e9
          for (const operation of operations) metrics.observe(operation, seconds, codes)
        },
      }
    },
  }
}

/**
 * Depth and cost limits, with the request's variables known (see graphql/limits.ts); no NUL in text.
 * A request that costs HEAVY_COST or more (a 10,000-point series, a deep walk) then waits for the
 * heavy lane, which runs one such request at a time: a client looping on them cannot take more
 * than one request's share of the server from everyone else.
 */
function limitsPlugin(): ApolloServerPlugin<ApiContext> {
  const heavy = new Lane(1)
  return {
    async requestDidStart() {
      let release: (() => void) | undefined
      return {
        async didResolveOperation(rc) {
          const cost = rc.operation ? checkLimits(rc.schema, rc.document, rc.operation, rc.request.variables ?? {}) : 0
          assertNoNulText(rc.document, rc.request.variables ?? {})
          if (cost >= HEAVY_COST) release = await heavy.enter()
        },
        async willSendResponse() {
          release?.()
          release = undefined
        },
      }
    },
  }
}

/** Text fields served cut (graphql/text.ts) are listed in the response: `extensions.truncated`. */
function truncationPlugin(): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const cut = rc.contextValue.truncated
          if (!cut?.length || rc.response.body.kind !== 'single') return
          const r = rc.response.body.singleResult
          r.extensions = { ...r.extensions, truncated: cut.slice(0, 1000) }
        },
      }
    },
  }
}
