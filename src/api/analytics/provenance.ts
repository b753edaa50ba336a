import type { AsOf } from '../sql/asOf'
import type { Db } from '../sql/pool'
import { provenanceRows, walk, type NodeKindName } from '../sql/provenance'
import { cutRows, rewalk, rewalkLineage } from './asOf'
import { buildLineage, idsByKind, nodeId, pathTo, type Graph } from './lineage'
import { byCodeUnits } from './order'

/** Bounds of a graph answer: deeper or larger requests get a clear error instead of an unbounded response. */
export const MAX_DEPTH = 256
export const MAX_NODES = 20_000

export class GraphTooLarge extends Error {}

/**
 * The upstream lineage graph of a model version (id: lowercase 0x bytes32), now or as of a cut
 * (analytics/asOf.ts): null when the version did not exist as of it.
 */
export async function lineageGraph(
  db: Db,
  modelVersionId: string,
  maxDepth: number,
  cut: AsOf | null = null,
): Promise<Graph | null> {
  const walked = await walk(db, 'up', { kind: 'model', id: modelVersionId }, maxDepth, MAX_NODES + 1)
  if (walked.length > MAX_NODES) {
    throw new GraphTooLarge(`the lineage has more than ${MAX_NODES} nodes within maxDepth ${maxDepth}; lower maxDepth`)
  }
  const rows = await provenanceRows(db, idsByKind(walked))
  const root = nodeId('model', modelVersionId)
  if (!cut) return buildLineage(root, walked, rows)
  const then = cutRows(rows, cut)
  if (!then.models.some((m) => m.id === modelVersionId)) return null
  return rewalkLineage(buildLineage(root, walked, then), maxDepth)
}

/**
 * Every model version downstream of a start node, each with the shortest path from the start; as
 * of a cut, over the rows inside it (null when the start did not exist as of it).
 */
export async function impact(
  db: Db,
  start: { kind: NodeKindName; id: string },
  maxDepth: number,
  cut: AsOf | null = null,
): Promise<{ modelVersionId: string; path: string[] }[] | null> {
  const walked = await walk(db, 'down', start, maxDepth, MAX_NODES + 1)
  if (walked.length > MAX_NODES) {
    throw new GraphTooLarge(`the impact has more than ${MAX_NODES} nodes within maxDepth ${maxDepth}; lower maxDepth`)
  }
  let byId = new Map(walked.map((w) => [nodeId(w.kind, w.id), w]))
  if (cut) {
    const then = cutRows(await provenanceRows(db, idsByKind(walked)), cut)
    const exists =
      start.kind === 'account' ||
      (start.kind === 'dataset' ? then.datasets : then.contributions).some((r) => r.id === start.id)
    if (!exists) return null
    // the edges among the walked nodes, as the lineage declares them, walked again downstream
    const graph = buildLineage(nodeId(start.kind, start.id), walked, then)
    byId = rewalk(graph, graph.root, maxDepth, 'down')
  }
  return [...byId.values()]
    .filter((w) => w.kind === 'model' && w.depth > 0)
    .sort((a, b) => a.depth - b.depth || byCodeUnits(a.id, b.id))
    .map((w) => ({ modelVersionId: w.id, path: pathTo(byId, nodeId(w.kind, w.id)) }))
}
