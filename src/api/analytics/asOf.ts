import { chainOfId } from '../../mappings/shared/chain'
import { type AsOf, visible } from '../sql/asOf'
import type { NodeKindName, ProvenanceRows, WalkRow } from '../sql/provenance'
import { type Graph, type GraphEdgeKind, parseNodeId } from './lineage'
import { byCodeUnits } from './order'

/**
 * Provenance as of a block (docs/api.md, "As of a block"), pure so it can be unit-tested. A graph
 * as of N is a subgraph of today's: rows created after the cut are left out (their nodes become
 * unresolved references, their edges are gone), revocations after it are undone, and the nodes are
 * walked again from the start over what is left, so a node reached today only through a later
 * edge is not in the answer.
 */

/** The rows inside the cut; a contribution revoked after it is not revoked. */
export function cutRows(rows: ProvenanceRows, cut: AsOf): ProvenanceRows {
  const inCut = <T extends { blockNumber: number; blockTime: Date }>(chainOf: (r: T) => string) => {
    return (r: T) => visible(cut, chainOfId(chainOf(r)), r.blockNumber, r.blockTime)
  }
  const runs = rows.runs.filter(inCut((r) => r.id))
  const runIds = new Set(runs.map((r) => r.id))
  return {
    models: rows.models.filter(inCut((m) => m.id)),
    runs,
    runDatasets: rows.runDatasets.filter((d) => runIds.has(d.runId)),
    runGpus: rows.runGpus.filter((g) => runIds.has(g.runId)),
    datasets: rows.datasets.filter(inCut((d) => d.id)),
    // a derivation is logged on its child's chain
    derivations: rows.derivations.filter(inCut((e) => e.child)),
    contributions: rows.contributions
      .filter(inCut((c) => c.id))
      .map((c) =>
        c.revoked && !visible(cut, chainOfId(c.id), c.revokedBlock, c.revokedAt)
          ? { ...c, revoked: false, revokedAt: null, revokedBlock: null, revokedTxHash: null }
          : c,
      ),
    gpus: rows.gpus.filter(inCut((g) => g.id)),
  }
}

/**
 * How each edge is walked, as the database walk does: up (what a model was made from) and down
 * (what depends on data). `true` follows the edge as it points, `false` against it; absent, not
 * walked that way. A contribution points at its dataset version, yet is reached from it going up.
 */
const MOVES: Record<GraphEdgeKind, { up: boolean; down?: boolean }> = {
  FINETUNED_FROM: { up: true, down: false },
  GENERATED_BY: { up: true, down: false },
  TRAINED_ON: { up: true, down: false },
  COMPUTED_ON: { up: true },
  ATTESTED_BY: { up: true },
  DERIVED_FROM: { up: true, down: false },
  OWNED_BY: { up: true },
  CONTRIBUTED_TO: { up: false, down: true },
  CONTRIBUTED_BY: { up: true, down: false },
}

/**
 * Breadth-first from `start` over a graph's edges, to maxDepth hops. Like the database walk, each
 * node is reached at its shortest depth from the smallest node id of the level before, and
 * unresolved nodes are not expanded (they have no edges of their own).
 */
export function rewalk(graph: Graph, start: string, maxDepth: number, direction: 'up' | 'down'): Map<string, WalkRow> {
  const next = new Map<string, string[]>()
  for (const e of graph.edges) {
    const forward = MOVES[e.kind][direction]
    if (forward === undefined) continue
    const [a, b] = forward ? [e.from, e.to] : [e.to, e.from]
    next.set(a, [...(next.get(a) ?? []), b])
  }
  const row = (id: string, depth: number, from: string | null): WalkRow => {
    const n = parseNodeId(id)!
    const f = from ? parseNodeId(from)! : null
    return { kind: n.kind as NodeKindName, id: n.id, depth, fromKind: f?.kind ?? null, fromId: f?.id ?? null }
  }
  const out = new Map<string, WalkRow>([[start, row(start, 0, null)]])
  let frontier = [start]
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const reached = new Map<string, string>()
    for (const from of [...frontier].sort(byCodeUnits)) {
      for (const to of next.get(from) ?? []) if (!out.has(to) && !reached.has(to)) reached.set(to, from)
    }
    for (const [to, from] of reached) out.set(to, row(to, depth, from))
    frontier = [...reached.keys()]
  }
  return out
}

/** A lineage graph cut to the nodes walked again over the cut rows' edges, with their new depths. */
export function rewalkLineage(graph: Graph, maxDepth: number): Graph {
  const reached = rewalk(graph, graph.root, maxDepth, 'up')
  const nodes = graph.nodes
    .filter((n) => reached.has(n.id))
    .map((n) => ({ ...n, depth: reached.get(n.id)!.depth }))
    .sort((a, b) => a.depth - b.depth || byCodeUnits(a.id, b.id))
  const edges = graph.edges.filter((e) => reached.has(e.from) && reached.has(e.to))
  return { root: graph.root, nodes, edges }
}
