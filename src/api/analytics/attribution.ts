import type { AttributionInputs } from '../sql/provenance'
import { byCodeUnits } from './order'

/**
 * Attribution of a model version to contributors (docs/metrics.md), pure so it can be unit-tested:
 * 1. runs: dataset version d gets Σ_runs (weightBps_d / Σ weightBps_run) / k
 * 2. derivations: a version with share x passes x·inheritBps/10000 to each parent, keeps the rest
 * 3. within a version: non-revoked contributions by items·qualityBps
 * 4. contributors sum their contributions; share with nowhere to go is `unattributed`.
 * Steps 3 and 4 read the weights summed per version and contributor at ingestion
 * (ContributionWeight), so the cost follows the ancestry's versions and contributors, not its
 * contributions.
 */
export interface AttributionResult {
  shares: { contributor: string; share: number; contributions: number }[]
  unattributed: number
}

export function attribute(input: AttributionInputs): AttributionResult {
  if (input.runCount === 0) return { shares: [], unattributed: 1 }
  const share = new Map<string, number>()
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v)
  let unattributed = 0

  // 1. Runs. A run whose weights sum to 0 cannot say what it used: its 1/k is unattributed.
  const byRun = new Map<string, AttributionInputs['runs']>()
  for (const r of input.runs) byRun.set(r.runId, [...(byRun.get(r.runId) ?? []), r])
  unattributed += (input.runCount - byRun.size) / input.runCount
  for (const refs of byRun.values()) {
    const total = refs.reduce((a, r) => a + r.weightBps, 0)
    if (total === 0) {
      unattributed += 1 / input.runCount
      continue
    }
    for (const r of refs) add(share, r.versionId, r.weightBps / total / input.runCount)
  }

  // 2. Derivations, children before parents (Kahn's order on the ancestor DAG).
  const parentsOf = new Map<string, { parent: string; inheritBps: number }[]>()
  const pendingChildren = new Map<string, number>()
  for (const e of input.edges) {
    parentsOf.set(e.child, [...(parentsOf.get(e.child) ?? []), { parent: e.parent, inheritBps: e.inheritBps }])
    pendingChildren.set(e.parent, (pendingChildren.get(e.parent) ?? 0) + 1)
  }
  const versions = new Set<string>([...share.keys(), ...input.edges.flatMap((e) => [e.child, e.parent])])
  const ready = [...versions].filter((v) => !pendingChildren.get(v))
  const kept = new Map<string, number>()
  while (ready.length) {
    const v = ready.pop()!
    const x = share.get(v) ?? 0
    let passed = 0
    for (const { parent, inheritBps } of parentsOf.get(v) ?? []) {
      add(share, parent, (x * inheritBps) / 10000)
      passed += inheritBps
      const left = pendingChildren.get(parent)! - 1
      pendingChildren.set(parent, left)
      if (left === 0) ready.push(parent)
    }
    kept.set(v, x * (1 - passed / 10000))
  }

  // 3. and 4. Contributions (a row whose contributions are all revoked counts for nothing).
  const live = input.weights.filter((w) => w.contributions > 0)
  const weights = new Map<string, number>()
  for (const w of live) add(weights, w.versionId, w.weight)
  const byContributor = new Map<string, { share: number; contributions: number }>()
  for (const w of live) {
    const y = kept.get(w.versionId) ?? 0
    const total = weights.get(w.versionId) ?? 0
    if (y === 0 || total === 0) continue
    const s = byContributor.get(w.contributor) ?? { share: 0, contributions: 0 }
    s.share += (y * w.weight) / total
    s.contributions += w.contributions
    byContributor.set(w.contributor, s)
  }
  for (const [v, y] of kept) if (!weights.get(v)) unattributed += y

  const shares = [...byContributor.entries()]
    .map(([contributor, s]) => ({ contributor, ...s }))
    .sort((a, b) => b.share - a.share || byCodeUnits(a.contributor, b.contributor))
  return { shares, unattributed }
}
