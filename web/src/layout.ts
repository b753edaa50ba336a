/**
 * How the lineage graph is laid out (pure: no DOM, unit-tested in test/unit/layout.test.ts).
 *
 * - Many contributions to one dataset version are drawn as one group node, so a version with 450
 *   contributions adds one node, not 450 (the node list still shows every one).
 * - Nodes sit in layers along the flow of provenance: what was used on the left, what was made on the
 *   right (contributions → dataset versions → training runs → model versions). Each node sits just
 *   left of its first consumer, so accounts and GPUs stand next to what they fed.
 * - Within a layer, nodes are ordered to keep edges short and few crossing (barycentre sweeps),
 *   on a fixed grid, so no two nodes or labels can overlap however many there are.
 */
export interface LNode {
  id: string
  kind: string
}
export interface LEdge {
  from: string
  to: string
  kind: string
}

/** One node drawn for many contributions of a dataset version (and the accounts only they involve). */
export interface Group {
  id: string
  dataset: string
  /** contribution node ids */
  members: string[]
  /** accounts whose every edge goes to a member: drawn inside the group */
  accounts: string[]
}

export interface ShownNode extends LNode {
  group?: Group
}
export interface ShownEdge extends LEdge {
  /** the API edge it draws (index into the lineage's edges); absent for a group's summary edge */
  index?: number
  /** how many API edges it stands for */
  count: number
}

/** A dataset version gets a group node when more contributions than this point at it. */
export const GROUP_ABOVE = 6
/** grid spacing in model pixels: a column fits a label of LABEL_WIDTH, a row a node and its label */
export const COLUMN = 150
export const ROW = 48
export const LABEL_WIDTH = 130

/** Kinds in flow order: the tie-break inside a layer, so a layer reads by kind. */
export const KIND_ORDER = ['ACCOUNT', 'CONTRIBUTION', 'DATASET_VERSION', 'GPU', 'TRAINING_RUN', 'MODEL_VERSION']

/** API edges point from what was made to what it came from, except a contribution's edge to its version. */
export function flow(e: LEdge): [string, string] {
  return e.kind === 'CONTRIBUTED_TO' ? [e.from, e.to] : [e.to, e.from]
}

/** How an edge kind is drawn: things used, derivations, and attributions to accounts. */
export function edgeClass(kind: string): 'use' | 'derive' | 'agent' {
  if (kind === 'FINETUNED_FROM' || kind === 'DERIVED_FROM') return 'derive'
  if (kind === 'CONTRIBUTED_BY' || kind === 'ATTESTED_BY' || kind === 'OWNED_BY') return 'agent'
  return 'use'
}

const byId = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)

/** The graph as drawn: contributions grouped per dataset version above GROUP_ABOVE. */
export function groupContributions(nodes: LNode[], edges: LEdge[], above = GROUP_ABOVE) {
  const kindOf = new Map(nodes.map((n) => [n.id, n.kind]))
  const membersOf = new Map<string, string[]>()
  for (const e of edges) {
    if (e.kind !== 'CONTRIBUTED_TO' || kindOf.get(e.from) !== 'CONTRIBUTION') continue
    const list = membersOf.get(e.to) ?? []
    list.push(e.from)
    membersOf.set(e.to, list)
  }
  const groupOf = new Map<string, Group>() // contribution id → its group
  const groups: Group[] = []
  for (const [dataset, members] of membersOf) {
    if (members.length <= above) continue
    const g: Group = { id: `group:${dataset}`, dataset, members: [...members].sort(byId), accounts: [] }
    groups.push(g)
    for (const m of members) groupOf.set(m, g)
  }
  // an account folds into a group when all its edges come from that group's members
  const touching = new Map<string, Set<Group | null>>()
  for (const e of edges) {
    for (const [end, other] of [
      [e.from, e.to],
      [e.to, e.from],
    ]) {
      if (kindOf.get(end) !== 'ACCOUNT') continue
      const set = touching.get(end) ?? new Set()
      set.add(e.kind === 'CONTRIBUTED_BY' ? (groupOf.get(other) ?? null) : null)
      touching.set(end, set)
    }
  }
  for (const [account, set] of touching) {
    const [only] = set
    if (set.size === 1 && only) {
      only.accounts.push(account)
      groupOf.set(account, only)
    }
  }
  for (const g of groups) g.accounts.sort(byId)

  const shownNodes: ShownNode[] = nodes.filter((n) => !groupOf.has(n.id))
  for (const g of groups) shownNodes.push({ id: g.id, kind: 'CONTRIBUTION', group: g })
  const shownEdges: ShownEdge[] = []
  const summary = new Map<string, ShownEdge>()
  edges.forEach((e, index) => {
    const gf = groupOf.get(e.from)
    const gt = groupOf.get(e.to)
    if (!gf && !gt) {
      shownEdges.push({ ...e, index, count: 1 })
      return
    }
    const from = gf?.id ?? e.from
    const to = gt?.id ?? e.to
    if (from === to) return // a member and an account folded into the same group
    const key = `${from}|${to}|${e.kind}`
    const s = summary.get(key)
    if (s) s.count++
    else {
      const edge = { from, to, kind: e.kind, count: 1 }
      summary.set(key, edge)
      shownEdges.push(edge)
    }
  })
  return { nodes: shownNodes, edges: shownEdges, groups }
}

export interface Placed {
  x: number
  y: number
  layer: number
}

/** Grid positions for a graph (any graph: cycles a hostile chain might make are broken, not looped). */
export function layered(nodes: LNode[], edges: LEdge[]): Map<string, Placed> {
  const ids = new Set(nodes.map((n) => n.id))
  const succ = new Map<string, string[]>(nodes.map((n) => [n.id, []]))
  const pred = new Map<string, string[]>(nodes.map((n) => [n.id, []]))
  for (const e of edges) {
    const [a, b] = flow(e)
    if (!ids.has(a) || !ids.has(b) || a === b) continue
    succ.get(a)!.push(b)
    pred.get(b)!.push(a)
  }
  // height: the longest flow path to a sink (the model version asked about); layer = max height − height
  const height = new Map<string, number>()
  const waiting = new Map(nodes.map((n) => [n.id, succ.get(n.id)!.length]))
  const ready = nodes.filter((n) => waiting.get(n.id) === 0).map((n) => n.id)
  const settle = (v: string) => {
    height.set(v, Math.max(-1, ...succ.get(v)!.map((s) => height.get(s) ?? 0)) + 1)
    for (const p of pred.get(v)!) {
      const left = waiting.get(p)! - 1
      waiting.set(p, left)
      if (left === 0) ready.push(p)
    }
  }
  const order = [...ids].sort(byId)
  for (;;) {
    while (ready.length) {
      const v = ready.pop()!
      if (!height.has(v)) settle(v)
    }
    const stuck = order.find((v) => !height.has(v)) // on a cycle: settle it with what is known
    if (stuck == null) break
    settle(stuck)
  }
  const top = Math.max(0, ...height.values())
  const layers: string[][] = Array.from({ length: top + 1 }, () => [])
  const kindRank = new Map(nodes.map((n) => [n.id, KIND_ORDER.indexOf(n.kind)]))
  for (const v of order) layers[top - height.get(v)!].push(v)
  for (const l of layers) l.sort((a, b) => kindRank.get(a)! - kindRank.get(b)! || byId(a, b))

  // barycentre sweeps: a node's place is the mean place of its neighbours in the layers already swept
  const layerOf = new Map<string, number>()
  layers.forEach((l, i) => l.forEach((v) => layerOf.set(v, i)))
  const place = new Map<string, number>()
  const mark = (l: string[]) => l.forEach((v, i) => place.set(v, l.length > 1 ? i / (l.length - 1) : 0.5))
  layers.forEach(mark)
  const sweep = (i: number, side: 'left' | 'right') => {
    const key = new Map<string, number>()
    for (const v of layers[i]) {
      const near = [...succ.get(v)!, ...pred.get(v)!].filter((u) =>
        side === 'left' ? layerOf.get(u)! < i : layerOf.get(u)! > i,
      )
      key.set(v, near.length ? near.reduce((s, u) => s + place.get(u)!, 0) / near.length : place.get(v)!)
    }
    layers[i].sort((a, b) => key.get(a)! - key.get(b)! || kindRank.get(a)! - kindRank.get(b)! || byId(a, b))
    mark(layers[i])
  }
  for (let round = 0; round < 2; round++) {
    for (let i = 1; i < layers.length; i++) sweep(i, 'left')
    for (let i = layers.length - 2; i >= 0; i--) sweep(i, 'right')
  }

  const out = new Map<string, Placed>()
  layers.forEach((l, layer) =>
    l.forEach((v, i) => out.set(v, { x: layer * COLUMN, y: (i - (l.length - 1) / 2) * ROW, layer })),
  )
  return out
}
