import type { EvidenceRow, NodeKindName, ProvenanceRows, WalkRow } from '../sql/provenance'
import { byCodeUnits } from './order'

/** Typed, stable node ids of the API: model:<0x…>, run:<0x…>, dataset:<0x…>, contribution:<n>, account:<0x…>, gpu:<n>. */
export function nodeId(kind: NodeKindName, id: string): string {
  return `${kind}:${id}`
}

const KIND_PREFIXES: Record<string, NodeKindName> = {
  model: 'model',
  run: 'run',
  dataset: 'dataset',
  contribution: 'contribution',
  account: 'account',
  gpu: 'gpu',
}

export function parseNodeId(id: string): { kind: NodeKindName; id: string } | null {
  const i = id.indexOf(':')
  const kind = KIND_PREFIXES[id.slice(0, i)]
  return kind ? { kind, id: id.slice(i + 1) } : null
}

export type GraphNodeKind = 'MODEL_VERSION' | 'TRAINING_RUN' | 'DATASET_VERSION' | 'CONTRIBUTION' | 'ACCOUNT' | 'GPU'
export type GraphEdgeKind =
  | 'FINETUNED_FROM'
  | 'GENERATED_BY'
  | 'TRAINED_ON'
  | 'COMPUTED_ON'
  | 'DERIVED_FROM'
  | 'CONTRIBUTED_TO'
  | 'CONTRIBUTED_BY'
  | 'ATTESTED_BY'
  | 'OWNED_BY'

export interface GraphNode {
  id: string
  kind: GraphNodeKind
  label: string | null
  resolved: boolean
  revoked: boolean
  depth: number
  evidence: EvidenceRow | null
  /** a training run's time span */
  startedAt?: Date | null
  endedAt?: Date | null
  /** a revoked contribution: when, and by which transaction */
  invalidatedAt?: Date | null
  invalidatedTxHash?: string | null
}

export interface GraphEdge {
  from: string
  to: string
  kind: GraphEdgeKind
  op: string | null
  weightBps: number | null
  inheritBps: number | null
  evidence: EvidenceRow | null
}

export interface Graph {
  root: string
  nodes: GraphNode[]
  edges: GraphEdge[]
}

const NODE_KIND: Record<NodeKindName, GraphNodeKind> = {
  model: 'MODEL_VERSION',
  run: 'TRAINING_RUN',
  dataset: 'DATASET_VERSION',
  contribution: 'CONTRIBUTION',
  account: 'ACCOUNT',
  gpu: 'GPU',
}

function evidence(r: EvidenceRow): EvidenceRow {
  return { txHash: r.txHash, blockNumber: r.blockNumber, blockTime: r.blockTime, logIndex: r.logIndex }
}

/**
 * Nodes and edges of a walked upstream graph. An edge is kept when both its ends were walked, so a
 * graph cut at maxDepth has no dangling edges. Nodes without a row are unresolved references.
 */
export function buildLineage(root: string, walked: WalkRow[], rows: ProvenanceRows): Graph {
  const depthOf = new Map(walked.map((w) => [nodeId(w.kind, w.id), w.depth]))
  const found = new Map<string, Omit<GraphNode, 'depth' | 'id' | 'kind'>>()
  const edges: GraphEdge[] = []
  const edge = (
    from: string,
    to: string,
    kind: GraphEdgeKind,
    ev: EvidenceRow | null,
    extra: Partial<Pick<GraphEdge, 'op' | 'weightBps' | 'inheritBps'>> = {},
  ) => {
    if (depthOf.has(from) && depthOf.has(to)) {
      edges.push({ from, to, kind, op: null, weightBps: null, inheritBps: null, evidence: ev, ...extra })
    }
  }

  for (const m of rows.models) {
    const id = nodeId('model', m.id)
    found.set(id, { label: m.uri || `model ${m.modelId}`, resolved: true, revoked: false, evidence: evidence(m) })
    if (m.parentVersionId) edge(id, nodeId('model', m.parentVersionId), 'FINETUNED_FROM', evidence(m), { op: m.op })
  }
  const weights = new Map<string, { versionId: string; weightBps: number }[]>()
  for (const d of rows.runDatasets) weights.set(d.runId, [...(weights.get(d.runId) ?? []), d])
  const gpusOf = new Map<string, string[]>()
  for (const g of rows.runGpus) gpusOf.set(g.runId, [...(gpusOf.get(g.runId) ?? []), g.gpuId])
  for (const r of rows.runs) {
    const id = nodeId('run', r.id)
    const ev = evidence(r)
    found.set(id, {
      label: `${r.startedAt.toISOString()} – ${r.endedAt.toISOString()}`,
      resolved: true,
      revoked: false,
      evidence: ev,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
    })
    edge(nodeId('model', r.modelVersionId), id, 'GENERATED_BY', ev)
    for (const d of weights.get(r.id) ?? [])
      edge(id, nodeId('dataset', d.versionId), 'TRAINED_ON', ev, { weightBps: d.weightBps })
    for (const g of gpusOf.get(r.id) ?? []) edge(id, nodeId('gpu', g), 'COMPUTED_ON', ev)
    edge(id, nodeId('account', r.attester), 'ATTESTED_BY', ev)
  }
  for (const d of rows.datasets) {
    const id = nodeId('dataset', d.id)
    found.set(id, { label: `${d.uri} v${d.version}`, resolved: true, revoked: false, evidence: evidence(d) })
    edge(id, nodeId('account', d.owner), 'OWNED_BY', d.ownerEvidence)
  }
  for (const e of rows.derivations) {
    edge(nodeId('dataset', e.child), nodeId('dataset', e.parent), 'DERIVED_FROM', evidence(e), {
      op: e.op,
      inheritBps: e.inheritBps,
    })
  }
  for (const c of rows.contributions) {
    const id = nodeId('contribution', c.id)
    const ev = evidence(c)
    found.set(id, {
      label: `${c.kind} ×${c.items}`,
      resolved: true,
      revoked: c.revoked,
      evidence: ev,
      invalidatedAt: c.revokedAt,
      invalidatedTxHash: c.revokedTxHash,
    })
    edge(id, nodeId('dataset', c.versionId), 'CONTRIBUTED_TO', ev)
    edge(id, nodeId('account', c.contributor), 'CONTRIBUTED_BY', ev)
  }
  for (const g of rows.gpus) {
    found.set(nodeId('gpu', g.id), {
      label: `${g.sku} · ${g.region}`,
      resolved: true,
      revoked: false,
      evidence: evidence(g),
    })
  }

  const nodes: GraphNode[] = walked.map((w) => {
    const id = nodeId(w.kind, w.id)
    // Accounts are not created by an event: they are always resolved and carry no evidence of their own.
    const base = found.get(id) ?? {
      label: null,
      resolved: w.kind === 'account',
      revoked: false,
      evidence: null,
    }
    return { id, kind: NODE_KIND[w.kind], depth: w.depth, ...base }
  })
  nodes.sort((a, b) => a.depth - b.depth || byCodeUnits(a.id, b.id))
  return { root, nodes, edges }
}

/** The node ids from the start to `target` along the first-reached predecessors of a walk. */
export function pathTo(walked: Map<string, WalkRow>, target: string): string[] {
  const path: string[] = []
  let cur: WalkRow | undefined = walked.get(target)
  while (cur) {
    path.push(nodeId(cur.kind, cur.id))
    cur = cur.fromKind && cur.fromId ? walked.get(nodeId(cur.fromKind, cur.fromId)) : undefined
  }
  return path.reverse()
}

/** Ids per kind, for loading the rows behind walked nodes. */
export function idsByKind(walked: WalkRow[]): Record<NodeKindName, string[]> {
  const out: Record<NodeKindName, string[]> = {
    model: [],
    run: [],
    dataset: [],
    contribution: [],
    account: [],
    gpu: [],
  }
  for (const w of walked) out[w.kind].push(w.id)
  return out
}
