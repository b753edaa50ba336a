import type { Db } from '../sql/pool'
import { provenanceRows, walk, type NodeKindName } from '../sql/provenance'
import { buildLineage, idsByKind, nodeId, pathTo, type Graph } from './lineage'
import { byCodeUnits } from './order'

/** Bounds of a graph answer: deeper or larger requests get a clear error instead of an unbounded response. */
export const MAX_DEPTH = 256
export const MAX_NODES = 20_000

export class GraphTooLarge extends Error {}

/** The upstream lineage graph of a model version (id: lowercase 0x bytes32). */
export async function lineageGraph(db: Db, modelVersionId: string, maxDepth: number): Promise<Graph> {
  const walked = await walk(db, 'up', { kind: 'model', id: modelVersionId }, maxDepth, MAX_NODES + 1)
  if (walked.length > MAX_NODES) {
    throw new GraphTooLarge(`the lineage has more than ${MAX_NODES} nodes within maxDepth ${maxDepth}; lower maxDepth`)
  }
  const rows = await provenanceRows(db, idsByKind(walked))
  return buildLineage(nodeId('model', modelVersionId), walked, rows)
}

/** Every model version downstream of a start node, each with the shortest path from the start. */
export async function impact(
  db: Db,
  start: { kind: NodeKindName; id: string },
  maxDepth: number,
): Promise<{ modelVersionId: string; path: string[] }[]> {
  const walked = await walk(db, 'down', start, maxDepth, MAX_NODES + 1)
  if (walked.length > MAX_NODES) {
    throw new GraphTooLarge(`the impact has more than ${MAX_NODES} nodes within maxDepth ${maxDepth}; lower maxDepth`)
  }
  const byId = new Map(walked.map((w) => [nodeId(w.kind, w.id), w]))
  return walked
    .filter((w) => w.kind === 'model' && w.depth > 0)
    .sort((a, b) => a.depth - b.depth || byCodeUnits(a.id, b.id))
    .map((w) => ({ modelVersionId: w.id, path: pathTo(byId, nodeId(w.kind, w.id)) }))
}
