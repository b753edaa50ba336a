import type http from 'node:http'
import {
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  print,
  subscribe,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql'
import { useServer } from 'graphql-ws/use/ws'
import { WebSocketServer, type WebSocket } from 'ws'
import { formatError } from '../graphql/apollo'
import { assertNoNulText } from '../graphql/common/args'
import { createContext, type ApiContext } from '../graphql/common/context'
import { checkLimits, MAX_TOKENS } from '../graphql/limits'
import { withTimeout } from '../http/respond'
import { Lane } from '../sql/lane'
import type { Db } from '../sql/pool'
import { indexEvents, type IndexWatcher } from '../sql/watch'

/**
 * Live data over WebSocket at /graphql, the graphql-ws protocol, on the API's own server and port
 * (docs/api.md, "Live data"):
 * - subscriptions (`indexerStatus`, `chains`) follow the index watcher;
 * - `query @live { … }` is a live query: run at once, run again after every change of the index,
 *   pushed only when its result differs from the last one pushed.
 * Every document passes the same depth and cost limits as over HTTP. Bounded: subscriptions per
 * connection and in all; each run of a live query has a time limit; a client whose socket does not
 * drain (more than MAX_BUFFERED_BYTES waiting) is disconnected rather than buffered for.
 */
export const LIVE_LIMITS = {
  perConnection: 100,
  total: 10_000,
  /** a live query's run that takes longer ends the subscription with an error */
  runTimeoutMs: 10_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  /** live-query runs at once, so re-runs after a block leave the pool to ordinary requests */
  concurrentRuns: 2,
}

/** WebSocket close code for a client that does not read what it subscribed to. */
export const TOO_SLOW = 4029

export interface LiveServer {
  subscriptions(): number
  close(): Promise<void>
}

export function serveLive(
  server: http.Server,
  opts: { schema: GraphQLSchema; db: Db; watcher: IndexWatcher; limits?: Partial<typeof LIVE_LIMITS> },
): LiveServer {
  const limits = { ...LIVE_LIMITS, ...opts.limits }
  const { schema, db, watcher } = opts
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: 1024 * 1024 })
  const open = new Map<WebSocket, Set<string>>()
  let total = 0
  const context = (): ApiContext => ({ ...createContext(db), live: watcher })
  const runs = new LiveRuns(context, limits.concurrentRuns, limits.runTimeoutMs)
  const refuse = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })]

  useServer(
    {
      schema,
      onConnect(ctx) {
        open.set(ctx.extra.socket, new Set())
        return true
      },
      onSubscribe(ctx, id, payload) {
        const mine = open.get(ctx.extra.socket) ?? new Set<string>()
        if (mine.size >= limits.perConnection)
          return refuse(`at most ${limits.perConnection} subscriptions per connection`, 'TOO_MANY_SUBSCRIPTIONS')
        if (total >= limits.total)
          return refuse(`the server has its ${limits.total} subscriptions; try again later`, 'TOO_MANY_SUBSCRIPTIONS')
        let document: DocumentNode
        try {
          document = parse(payload.query, { maxTokens: MAX_TOKENS })
        } catch (e) {
          return [e instanceof GraphQLError ? e : new GraphQLError(String(e))]
        }
        const errors = validate(schema, document)
        if (errors.length) return errors
        const operation = getOperationAST(document, payload.operationName)
        if (!operation) return refuse('name the operation to run (operationName)', 'BAD_USER_INPUT')
        if (operation.operation === 'mutation') return refuse('there are no mutations', 'BAD_USER_INPUT')
        const variables = payload.variables ?? {}
        try {
          checkLimits(schema, document, operation, variables)
          assertNoNulText(document, variables)
        } catch (e) {
          if (e instanceof GraphQLError) return [e]
          throw e
        }
        mine.add(id)
        open.set(ctx.extra.socket, mine)
        total++
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: variables,
          contextValue: context(),
        }
      },
      execute: (args) => (isLive(args) ? liveQuery(args, watcher, runs) : execute(args)),
      subscribe: (args) => subscribe(args),
      onNext(ctx, _id, _payload, _args, result) {
        const socket = ctx.extra.socket
        if (socket.bufferedAmount > limits.maxBufferedBytes) {
          socket.close(TOO_SLOW, 'client too slow: it does not read its subscriptions')
          return
        }
        if (!result.errors?.length) return
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) }
      },
      onComplete(ctx, id) {
        if (open.get(ctx.extra.socket)?.delete(id)) total--
      },
      onClose(ctx) {
        const mine = open.get(ctx.extra.socket)
        if (mine) total -= mine.size
        open.delete(ctx.extra.socket)
      },
    },
    wss,
  )

  return {
    subscriptions: () => total,
    async close() {
      for (const socket of wss.clients) socket.terminate()
      await new Promise<void>((r) => wss.close(() => r()))
    },
  }
}

function isLive(args: ExecutionArgs): boolean {
  const op = getOperationAST(args.document, args.operationName)
  return op?.operation === 'query' && (op.directives ?? []).some((d) => d.name.value === 'live')
}

/**
 * The runs of every live query: at most `size` at once, each with its time limit and fresh loaders.
 * Subscribers of the same document and variables share one run, when it started after the event
 * that made them ask (so nobody is served a result older than what they were told of).
 */
class LiveRuns {
  private readonly lane: Lane
  private readonly inflight = new Map<string, { startedAt: number; result: Promise<ExecutionResult> }>()
  constructor(
    private readonly context: () => ApiContext,
    size: number,
    private readonly timeoutMs: number,
  ) {
    this.lane = new Lane(size)
  }

  run(args: ExecutionArgs, since: number): Promise<ExecutionResult> {
    const key = JSON.stringify([print(args.document), args.operationName ?? null, args.variableValues ?? {}])
    const shared = this.inflight.get(key)
    if (shared && shared.startedAt >= since) return shared.result
    const entry = { startedAt: performance.now(), result: this.once(args) }
    this.inflight.set(key, entry)
    void entry.result.finally(() => {
      if (this.inflight.get(key) === entry) this.inflight.delete(key)
    })
    return entry.result
  }

  private async once(args: ExecutionArgs): Promise<ExecutionResult> {
    const release = await this.lane.enter()
    try {
      return await withTimeout(Promise.resolve(execute({ ...args, contextValue: this.context() })), this.timeoutMs)
    } catch {
      return {
        errors: [
          new GraphQLError(`a run of this live query took over ${this.timeoutMs} ms; ask for less`, {
            extensions: { code: 'QUERY_TOO_COMPLEX' },
          }),
        ],
      }
    } finally {
      release()
    }
  }
}

/** A live query: one run per event of the index (the first at once); pushed when the result changed. */
async function* liveQuery(args: ExecutionArgs, watcher: IndexWatcher, runs: LiveRuns): AsyncGenerator<ExecutionResult> {
  const events = indexEvents(watcher)
  let last: string | null = null
  try {
    for await (const _ of events) {
      const result = await runs.run(args, performance.now())
      // a run that timed out ends the live query: the next would too
      if (result.errors?.some((e) => e.extensions?.code === 'QUERY_TOO_COMPLEX')) {
        yield result
        return
      }
      const text = JSON.stringify(result)
      if (text === last) continue
      last = text
      yield result
    }
  } finally {
    await events.return?.()
  }
}
