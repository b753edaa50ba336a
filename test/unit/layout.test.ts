import { COLUMN, groupContributions, layered, ROW, type LEdge, type LNode } from '../../web/src/layout'

/** The lineage graph's layout, on small graphs worked out by hand. */
const n = (id: string, kind: string): LNode => ({ id, kind })
const e = (from: string, to: string, kind: string): LEdge => ({ from, to, kind })

// a model fine-tuned from a base; each trained by a run on one dataset version; web@2 derived from web@1
const nodes = [
  n('model:chat', 'MODEL_VERSION'),
  n('model:base', 'MODEL_VERSION'),
  n('run:2', 'TRAINING_RUN'),
  n('run:1', 'TRAINING_RUN'),
  n('dataset:instr', 'DATASET_VERSION'),
  n('dataset:web2', 'DATASET_VERSION'),
  n('dataset:web1', 'DATASET_VERSION'),
  n('gpu:1', 'GPU'),
  n('contribution:1', 'CONTRIBUTION'),
  n('account:0xa', 'ACCOUNT'),
]
const edges = [
  e('model:chat', 'model:base', 'FINETUNED_FROM'),
  e('model:chat', 'run:2', 'GENERATED_BY'),
  e('run:2', 'dataset:instr', 'TRAINED_ON'),
  e('model:base', 'run:1', 'GENERATED_BY'),
  e('run:1', 'dataset:web2', 'TRAINED_ON'),
  e('run:1', 'gpu:1', 'COMPUTED_ON'),
  e('dataset:web2', 'dataset:web1', 'DERIVED_FROM'),
  e('contribution:1', 'dataset:web1', 'CONTRIBUTED_TO'),
  e('contribution:1', 'account:0xa', 'CONTRIBUTED_BY'),
]

it('lays provenance out left to right: every input left of what used it, each node next to its consumer', () => {
  const p = layered(nodes, edges)
  const layer = (id: string) => p.get(id)!.layer
  // the longest chain: account → contribution → web1 → web2 → run1 → base → chat: 7 layers
  expect(
    ['account:0xa', 'contribution:1', 'dataset:web1', 'dataset:web2', 'run:1', 'model:base', 'model:chat'].map(layer),
  ).toEqual([0, 1, 2, 3, 4, 5, 6])
  // the GPU stands just left of its run, run 2 just left of chat, and its dataset just left of run 2
  expect(layer('gpu:1')).toBe(3)
  expect(layer('run:2')).toBe(5)
  expect(layer('dataset:instr')).toBe(4)
  // on the grid: columns COLUMN apart, rows ROW apart, centred per layer
  expect(p.get('model:chat')).toEqual({ x: 6 * COLUMN, y: 0, layer: 6 })
  expect([p.get('model:base')!.y, p.get('run:2')!.y].sort((a, b) => a - b)).toEqual([-ROW / 2, ROW / 2])
})

it('never places two nodes on one spot, and survives a cycle', () => {
  const cyclic = [...edges, e('dataset:web1', 'dataset:web2', 'DERIVED_FROM')]
  const p = layered(nodes, cyclic)
  expect(p.size).toBe(nodes.length)
  const spots = [...p.values()].map((q) => `${q.x},${q.y}`)
  expect(new Set(spots).size).toBe(nodes.length)
})

it('orders a layer so edges do not cross when they need not', () => {
  // two runs, each with its own dataset: the datasets line up with their runs
  const ns = [n('model:m', 'MODEL_VERSION'), n('run:a', 'TRAINING_RUN'), n('run:b', 'TRAINING_RUN')]
  const es = [e('model:m', 'run:a', 'GENERATED_BY'), e('model:m', 'run:b', 'GENERATED_BY')]
  // dataset ids sort the other way round from their runs
  ns.push(n('dataset:z', 'DATASET_VERSION'), n('dataset:y', 'DATASET_VERSION'))
  es.push(e('run:a', 'dataset:z', 'TRAINED_ON'), e('run:b', 'dataset:y', 'TRAINED_ON'))
  const p = layered(ns, es)
  expect(Math.sign(p.get('run:a')!.y - p.get('run:b')!.y)).toBe(
    Math.sign(p.get('dataset:z')!.y - p.get('dataset:y')!.y),
  )
})

it('draws many contributions of one version as one group, with the accounts only they involve', () => {
  const ns = [n('dataset:v', 'DATASET_VERSION'), n('dataset:w', 'DATASET_VERSION'), n('account:owner', 'ACCOUNT')]
  const es = [e('dataset:v', 'account:owner', 'OWNED_BY')]
  // 8 contributions to v: by accounts p0..p3 (two each); p0 also contributed once to w; the owner once to v
  for (let i = 1; i <= 8; i++) {
    ns.push(n(`contribution:${i}`, 'CONTRIBUTION'))
    es.push(e(`contribution:${i}`, 'dataset:v', 'CONTRIBUTED_TO'))
    es.push(e(`contribution:${i}`, i === 8 ? 'account:owner' : `account:p${i % 4}`, 'CONTRIBUTED_BY'))
  }
  for (let i = 0; i < 4; i++) ns.push(n(`account:p${i}`, 'ACCOUNT'))
  ns.push(n('contribution:9', 'CONTRIBUTION'))
  es.push(e('contribution:9', 'dataset:w', 'CONTRIBUTED_TO'), e('contribution:9', 'account:p0', 'CONTRIBUTED_BY'))

  const g = groupContributions(ns, es, 6)
  expect(g.groups).toHaveLength(1)
  const [group] = g.groups
  expect(group.id).toBe('group:dataset:v')
  expect(group.members).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => `contribution:${i}`))
  // p1..p3 only contributed to v; p0 also to w, the owner also owns v: those two stay nodes
  expect(group.accounts).toEqual(['account:p1', 'account:p2', 'account:p3'])
  expect(g.nodes.map((x) => x.id).sort()).toEqual(
    ['account:owner', 'account:p0', 'contribution:9', 'dataset:v', 'dataset:w', 'group:dataset:v'].sort(),
  )
  const summary = (from: string, to: string) => g.edges.find((x) => x.from === from && x.to === to)
  expect(summary('group:dataset:v', 'dataset:v')).toEqual({
    from: 'group:dataset:v',
    to: 'dataset:v',
    kind: 'CONTRIBUTED_TO',
    count: 8,
  })
  expect(summary('group:dataset:v', 'account:p0')!.count).toBe(1) // contribution 4 (8 is the owner's)
  expect(summary('group:dataset:v', 'account:owner')!.count).toBe(1)
  // edges outside any group keep their index into the API's list
  expect(summary('dataset:v', 'account:owner')).toEqual({ ...es[0], index: 0, count: 1 })
  // at the threshold nothing is grouped
  expect(groupContributions(ns, es, 8).groups).toEqual([])
})
