import type { Graph } from '../analytics/lineage'
import { toProvJsonLd } from '../analytics/provo'
import type { Execute } from '../graphql/apollo'
import { send, sendError, sendResultError, type Route } from '../http/respond'
import type { Db } from '../sql/pool'
import { usageOfRuns } from '../sql/runUsage'

/** GET /provenance/model/:id: a model version's lineage as a PROV-O JSON-LD document. */
export function provenanceRoute(execute: Execute, db: Db): Route {
  return {
    method: 'GET',
    path: /^\/provenance\/model\/([^/]+)$/,
    async handle(_req, res, url, match) {
      // requestUrl has checked the path's %-encoding, so decoding a part of it cannot fail
      const id = decodeURIComponent(match[1])
      const depth = url.searchParams.get('maxDepth')
      if (depth != null && !/^-?\d+$/.test(depth))
        return sendError(res, 400, 'BAD_USER_INPUT', 'maxDepth must be an integer', 'maxDepth')
      const chain = url.searchParams.get('chainId')
      if (chain != null && !/^\d{1,10}$/.test(chain))
        return sendError(res, 400, 'BAD_USER_INPUT', 'chainId must be a chain id (a non-negative integer)', 'chainId')
      const r = await execute(
        `query($id: ID!, $depth: Int, $chain: Int) { g: modelLineage(modelVersionId: $id, maxDepth: $depth, chainId: $chain) {
          root nodes { id kind label resolved revoked depth startedAt endedAt invalidatedAt invalidatedTxHash
            evidence { txHash blockNumber blockTime logIndex } }
          edges { from to kind op weightBps inheritBps evidence { txHash blockNumber blockTime logIndex } } } }`,
        { id, depth: depth == null ? 8 : Number(depth), chain: chain == null ? null : Number(chain) },
      )
      if (r.errors?.length) return sendResultError(res, r.errors[0])
      const g = r.data!.g as Graph
      // the GraphQL layer serialised dates: bring them back for the JSON-LD times
      for (const x of [...g.nodes, ...g.edges]) if (x.evidence) x.evidence.blockTime = new Date(x.evidence.blockTime)
      for (const n of g.nodes)
        for (const k of ['startedAt', 'endedAt', 'invalidatedAt'] as const) if (n[k]) n[k] = new Date(n[k]!)
      const runs = g.nodes.filter((n) => n.kind === 'TRAINING_RUN' && n.resolved).map((n) => n.id.slice('run:'.length))
      const usage = runs.length ? await usageOfRuns(db, runs) : new Map()
      send(res, 200, 'application/ld+json', JSON.stringify(toProvJsonLd(g, usage), null, 1))
    },
  }
}
