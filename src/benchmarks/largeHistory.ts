import { encodeAbiParameters, keccak256 } from 'viem'
import type { BulkChain } from './bulkChain'

/**
 * The large history of the API benchmarks (bench:api-large, bench:cache): 5,000 GPUs × 365 daily
 * epochs, 100,000 contributions, a chain of 1,000 fine-tuned model versions over a chain of 1,000
 * derived dataset versions, at `scale`; and the queries run on it.
 */
const DAY = 86400
export const START = Date.UTC(2026, 0, 1) / 1000

export function largePlan(scale: number) {
  return {
    gpus: Math.round(5000 * scale),
    epochs: 365,
    contributions: Math.round(100_000 * scale),
    datasets: 1000,
    requests: Math.round(40_000 * scale),
    vaultDeposits: 2000,
    models: 10,
    tokenTransfers: 2000,
    modelVersions: 1000,
    eventsPerBlock: 5_000,
  }
}

export function largeQueries(chain: BulkChain): Record<string, string> {
  const iso = (t: number) => new Date(t * 1000).toISOString()
  const week = { from: iso(START + 180 * DAY), to: iso(START + 187 * DAY) }
  const year = { from: iso(START), to: iso(START + 365 * DAY) }
  // the bulk contracts' ids: keccak256(abi.encode("mv", k))
  const mv = (k: number) => keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'uint256' }], ['mv', BigInt(k)]))
  return {
    'gpuUtilization fleet, year by week': `{ gpuUtilization(scope: {}, from: "${year.from}", to: "${year.to}", bucket: WEEK) { utilization points { utilization } } }`,
    'gpuUtilization one GPU, week by day': `{ gpuUtilization(scope: { gpuIds: ["42"] }, from: "${week.from}", to: "${week.to}", bucket: DAY) { utilization points { utilization } } }`,
    'gpuYield fleet, week': `{ gpuYield(scope: {}, from: "${week.from}", to: "${week.to}") { net apr } }`,
    'gpuYield one GPU, year': `{ gpuYield(scope: { gpuIds: ["42"] }, from: "${year.from}", to: "${year.to}") { net apr } }`,
    'vaultYield, year by week': `{ vaultYield(vault: "${chain.contracts.gpuVaults[0]}", from: "${year.from}", to: "${year.to}", bucket: WEEK) { apr points { pps } } }`,
    'modelUsage, year by week': `{ modelUsage(modelId: "1", from: "${year.from}", to: "${year.to}", bucket: WEEK) { requests medianLatencySec } }`,
    'modelLineage depth 8 (1,000-deep chain)': `{ modelLineage(modelVersionId: "${mv(999)}") { nodes { id } edges { kind } } }`,
    modelAttribution: `{ modelAttribution(modelVersionId: "${mv(999)}") { shares { share } unattributed } }`,
    'dataImpact from a contributor': `{ dataImpact(contributor: "${chain.contributor}") { modelVersions { modelVersionId } } }`,
    'gpus page of 100, nested': `{ gpus(first: 100, orderBy: VALUATION, direction: DESC) { totalCount nodes { id owner { id } operator { id } } } }`,
    'contributions page of 100': `{ contributions(first: 100, filter: { revoked: false }) { nodes { id items version { id } contributor { id } } } }`,
  }
}
