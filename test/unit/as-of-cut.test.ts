import { cutRows, rewalk } from '../../src/api/analytics/asOf'
import { buildLineage } from '../../src/api/analytics/lineage'
import type { AsOf } from '../../src/api/sql/asOf'
import type { ProvenanceRows, WalkRow } from '../../src/api/sql/provenance'

/**
 * The cut of "as of block N" on provenance rows (METRICS.md v2): rows of N's chain by block, rows of
 * other chains by block time, revocations after the cut undone; and the walk again over what is left.
 * Chain 1 is the model's; chain 2 holds the data its run names.
 */
const T = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000)
const ev = (block: number, time: number) => ({
  txHash: `0x${block}`,
  blockNumber: block,
  blockTime: T(time),
  logIndex: 0,
})
// as of block 100 of chain 1, whose time is t = 1,000
const CUT: AsOf = { chainId: 1, block: 100, time: T(1000) }

function rows(): ProvenanceRows {
  return {
    models: [{ id: '1:0xm', modelId: '1', parentVersionId: null, op: 'BASE', uri: 'm', ...ev(10, 100) }],
    runs: [
      { id: '1:0xr1', modelVersionId: '1:0xm', attester: '1:0xa', startedAt: T(0), endedAt: T(50), ...ev(20, 200) },
      // a second run after the cut: not there as of block 100
      { id: '1:0xr2', modelVersionId: '1:0xm', attester: '1:0xa', startedAt: T(0), endedAt: T(50), ...ev(150, 1500) },
    ],
    runDatasets: [
      { runId: '1:0xr1', versionId: '2:0xd1', weightBps: 10000 },
      { runId: '1:0xr2', versionId: '2:0xd2', weightBps: 10000 },
    ],
    runGpus: [],
    datasets: [
      // chain 2: block numbers mean nothing against chain 1's; times decide. d1 before t = 1,000, d2 after
      {
        id: '2:0xd1',
        version: 1,
        uri: 'd',
        owner: '2:0xo',
        datasetId: '2:0xds',
        ownerEvidence: ev(5, 50),
        ...ev(900, 900),
      },
      {
        id: '2:0xd2',
        version: 2,
        uri: 'd',
        owner: '2:0xo',
        datasetId: '2:0xds',
        ownerEvidence: ev(5, 50),
        ...ev(50, 1001),
      },
    ],
    derivations: [],
    contributions: [
      // revoked on chain 2 at t = 1,200: not revoked as of the cut
      {
        id: '2:7',
        versionId: '2:0xd1',
        contributor: '2:0xc',
        kind: 'DATA',
        items: 1,
        qualityBps: 10000,
        revoked: true,
        revokedAt: T(1200),
        revokedBlock: 60,
        revokedTxHash: '0xrev',
        ...ev(40, 400),
      },
      // revoked at t = 999: revoked as of the cut, though its block (99,999) is above 100
      {
        id: '2:8',
        versionId: '2:0xd1',
        contributor: '2:0xc',
        kind: 'DATA',
        items: 1,
        qualityBps: 10000,
        revoked: true,
        revokedAt: T(999),
        revokedBlock: 99_999,
        revokedTxHash: '0xrev8',
        ...ev(41, 401),
      },
    ],
    gpus: [],
  }
}

it('cuts rows of the item chain by block and of other chains by block time, undoing later revocations', () => {
  const then = cutRows(rows(), CUT)
  expect(then.runs.map((r) => r.id)).toEqual(['1:0xr1'])
  expect(then.runDatasets.map((d) => d.runId)).toEqual(['1:0xr1'])
  expect(then.datasets.map((d) => d.id)).toEqual(['2:0xd1'])
  expect(then.contributions.map((c) => [c.id, c.revoked, c.revokedTxHash])).toEqual([
    ['2:7', false, null],
    ['2:8', true, '0xrev8'],
  ])
  // the rows themselves are not changed
  expect(rows().contributions[0].revoked).toBe(true)
})

it('walks again over the cut rows: a node reached only through a later edge is gone', () => {
  const walked: WalkRow[] = [
    { kind: 'model', id: '1:0xm', depth: 0, fromKind: null, fromId: null },
    { kind: 'run', id: '1:0xr1', depth: 1, fromKind: 'model', fromId: '1:0xm' },
    { kind: 'run', id: '1:0xr2', depth: 1, fromKind: 'model', fromId: '1:0xm' },
    { kind: 'dataset', id: '2:0xd1', depth: 2, fromKind: 'run', fromId: '1:0xr1' },
    { kind: 'dataset', id: '2:0xd2', depth: 2, fromKind: 'run', fromId: '1:0xr2' },
    { kind: 'account', id: '1:0xa', depth: 2, fromKind: 'run', fromId: '1:0xr1' },
    { kind: 'contribution', id: '2:7', depth: 3, fromKind: 'dataset', fromId: '2:0xd1' },
    { kind: 'contribution', id: '2:8', depth: 3, fromKind: 'dataset', fromId: '2:0xd1' },
    { kind: 'account', id: '2:0xo', depth: 3, fromKind: 'dataset', fromId: '2:0xd1' },
    { kind: 'account', id: '2:0xc', depth: 4, fromKind: 'contribution', fromId: '2:7' },
  ]
  const root = 'model:1:0xm'
  const now = rewalk(buildLineage(root, walked, rows()), root, 8, 'up')
  expect([...now.keys()].sort()).toEqual(walked.map((w) => `${w.kind}:${w.id}`).sort())
  const then = rewalk(buildLineage(root, walked, cutRows(rows(), CUT)), root, 8, 'up')
  expect([...then.entries()].map(([id, w]) => [id, w.depth]).sort()).toEqual(
    [
      ['model:1:0xm', 0],
      ['run:1:0xr1', 1],
      ['dataset:2:0xd1', 2],
      ['account:1:0xa', 2],
      ['contribution:2:7', 3],
      ['contribution:2:8', 3],
      ['account:2:0xo', 3],
      ['account:2:0xc', 4],
    ].sort(),
  )
  // downstream from the contributor, as of the cut: through contribution 7 (the smaller id) to the model
  const down = rewalk(buildLineage('account:2:0xc', walked, cutRows(rows(), CUT)), 'account:2:0xc', 8, 'down')
  expect(down.get('model:1:0xm')).toMatchObject({ depth: 4, fromKind: 'run', fromId: '1:0xr1' })
  expect(down.get('dataset:2:0xd1')).toMatchObject({ depth: 2, fromKind: 'contribution', fromId: '2:7' })
})
