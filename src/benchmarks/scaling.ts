import path from 'node:path'
import { encodeAbiParameters, keccak256 } from 'viem'
import { PROJECT_ROOT } from '../config/env'
import { TxBatch } from '../demo/txbatch'
import { BENCH_START, buildDailyChain, type DailyPlan } from './bulkChain'
import { benchApi, benchEnv, indexChain } from './harness'
import { writeResult } from './machine'

/**
 * Scaling curves. The same queries run on histories 1×, 10× and 100× as long (7, 70 and 700 days
 * of a 100-GPU fleet with inference, vault and token activity every day) and on provenance graphs 1×,
 * 10× and 100× as large. Windowed analytics ask for the last 7 days, so their answer has the same
 * size at every scale: their cost should stay flat. A lineage sweep over maxDepth then shows the
 * cost growing with the answer (nodes returned) instead.
 * Usage: node lib/benchmarks/scaling.js [scales=1,10,100] [runs=20]
 */
const DAY = 86400
const START = BENCH_START

function planFor(scale: number): DailyPlan {
  return {
    days: 7 * scale,
    gpus: 100,
    requestsPerDay: 50,
    flowsPerDay: 5,
    transfersPerDay: 10,
    modelVersions: 10 * scale,
    datasets: 10 * scale,
    contributions: 100 * scale,
  }
}

// the bulk contracts' ids: keccak256(abi.encode(tag, k))
const id = (tag: string, k: number) =>
  keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'uint256' }], [tag, BigInt(k)]))

type Query = { query: string; answer: (data: any) => number }

async function runScale(scale: number, runs: number) {
  const plan = planFor(scale)
  const env = await benchEnv(`scaling-x${scale}`, START - 3600, 19100)
  try {
    const chain = await buildDailyChain(new TxBatch(env.anvil.url), plan)
    console.log(
      `x${scale}: ${chain.events} events, ${plan.days} days (${(chain.generationMs / 1000).toFixed(1)} s to generate)`,
    )
    const indexSec = indexChain(env, chain)
    console.log(`  indexed in ${indexSec.toFixed(1)} s`)
    const api = await benchApi(env)
    const iso = (t: number) => new Date(t * 1000).toISOString()
    const from = iso(START + (plan.days - 7) * DAY)
    const to = iso(START + plan.days * DAY)
    const vault = chain.contracts.gpuVaults[0]
    const tip = id('mv', plan.modelVersions - 1)
    const token = (await api.alone('{ modelTokens(first: 1) { nodes { id } } }', 1)) as any
    const tokenId = token.data.modelTokens.nodes[0].id
    const points = (d: any) => Object.values(d)[0] as any
    const queries: Record<string, Query> = {
      'gpuUtilization fleet, last week by day': {
        query: `{ gpuUtilization(scope: {}, from: "${from}", to: "${to}", bucket: DAY) { utilization points { utilization } } }`,
        answer: (d) => points(d).points.length,
      },
      'gpuUtilization one GPU, last week by day': {
        query: `{ gpuUtilization(scope: { gpuIds: ["42"] }, from: "${from}", to: "${to}", bucket: DAY) { utilization points { utilization } } }`,
        answer: (d) => points(d).points.length,
      },
      'gpuYield fleet, last week': {
        query: `{ gpuYield(scope: {}, from: "${from}", to: "${to}") { net apr } }`,
        answer: () => 1,
      },
      'gpuYield one GPU, last week': {
        query: `{ gpuYield(scope: { gpuIds: ["42"] }, from: "${from}", to: "${to}") { net apr } }`,
        answer: () => 1,
      },
      'vaultYield, last week by day': {
        query: `{ vaultYield(vault: "${vault}", from: "${from}", to: "${to}", bucket: DAY) { apr tvl points { pps } } }`,
        answer: (d) => points(d).points.length,
      },
      'modelUsage, last week by day': {
        query: `{ modelUsage(modelId: "1", from: "${from}", to: "${to}", bucket: DAY) { requests medianLatencySec points { requests } } }`,
        answer: (d) => points(d).points.length,
      },
      'modelTokenYield, last week': {
        query: `{ modelTokenYield(token: "${tokenId}", from: "${from}", to: "${to}") { revenuePerToken apr } }`,
        answer: () => 1,
      },
      'holderRevenue (all snapshots)': {
        query: `{ holderRevenue(token: "${tokenId}", holder: "${chain.contributor}") { entitled unclaimed } }`,
        answer: () => 1,
      },
      'modelLineage of the tip, maxDepth 8': {
        query: `{ modelLineage(modelVersionId: "${tip}", maxDepth: 8) { nodes { id } edges { kind } } }`,
        answer: (d) => d.modelLineage.nodes.length,
      },
      'dataImpact of the newest dataset version, maxDepth 8': {
        query: `{ dataImpact(datasetVersionId: "${id('v', plan.datasets - 1)}", maxDepth: 8) { modelVersions { modelVersionId } } }`,
        answer: (d) => d.dataImpact.modelVersions.length,
      },
      'modelAttribution of the tip (whole ancestry)': {
        query: `{ modelAttribution(modelVersionId: "${tip}") { shares { share } unattributed } }`,
        answer: (d) => d.modelAttribution.shares.length,
      },
      'gpus page of 100, nested': {
        query: `{ gpus(first: 100) { totalCount nodes { id owner { id } operator { id } } } }`,
        answer: (d) => d.gpus.nodes.length,
      },
    }
    const results: Record<string, unknown>[] = []
    for (const [name, q] of Object.entries(queries)) {
      await api.alone(q.query, 2) // warm the caches and plans
      const r = await api.alone(q.query, runs)
      results.push(
        'error' in r
          ? { query: name, error: r.error }
          : { query: name, sqlMs: r.sqlMs, requestMs: r.requestMs, statements: r.statements, answer: q.answer(r.data) },
      )
      console.log('  ' + JSON.stringify(results.at(-1)))
    }
    // Lineage over a growing answer: the same tip, deeper and deeper.
    const lineage: Record<string, unknown>[] = []
    for (const maxDepth of [8, 32, 128, 256]) {
      const q = `{ modelLineage(modelVersionId: "${tip}", maxDepth: ${maxDepth}) { nodes { id } edges { kind } } }`
      await api.alone(q, 1)
      const r = await api.alone(q, Math.max(3, Math.round(runs / 4)))
      lineage.push(
        'error' in r
          ? { maxDepth, error: r.error }
          : {
              maxDepth,
              nodes: r.data.modelLineage.nodes.length,
              edges: r.data.modelLineage.edges.length,
              sqlMs: r.sqlMs,
              requestMs: r.requestMs,
            },
      )
      console.log('  ' + JSON.stringify(lineage.at(-1)))
    }
    const history = await historyRows(api)
    await api.close()
    return { scale, plan, events: chain.events, indexSec: Number(indexSec.toFixed(1)), history, results, lineage }
  } finally {
    await env.stop()
  }
}

/** Row counts of the history the windowed queries must not read in full (through the API's counts). */
async function historyRows(api: Awaited<ReturnType<typeof benchApi>>) {
  const r = (await api.alone(
    `{ usageRecords(first: 1) { totalCount } contributions(first: 1) { totalCount } modelVersions(first: 1) { totalCount } datasetVersions(first: 1) { totalCount } }`,
    1,
  )) as any
  if (!r.data) throw new Error(`history counts failed: ${r.error}`)
  return Object.fromEntries(Object.entries(r.data).map(([k, v]: [string, any]) => [k, v.totalCount]))
}

async function main() {
  const scales = (process.argv[2] ?? '1,10,100').split(',').map(Number)
  const runs = Number(process.argv[3] ?? 20)
  const out: Awaited<ReturnType<typeof runScale>>[] = []
  for (const s of scales) out.push(await runScale(s, runs))
  const names = (out[0].results as { query: string }[]).map((r) => r.query)
  console.table(
    names.map((query) =>
      Object.fromEntries([
        ['query', query],
        ...out.map((o) => {
          const r = (o.results as any[]).find((x) => x.query === query)
          return [`x${o.scale} SQL ms (answer)`, r.error ? 'error' : `${r.sqlMs} (${r.answer})`]
        }),
      ]),
    ),
  )
  console.table(out.flatMap((o) => (o.lineage as any[]).map((l) => ({ scale: o.scale, ...l }))))
  const file = writeResult('scaling', { parameters: { scales, runs, base: planFor(1) }, scales: out })
  console.log(`written ${path.relative(PROJECT_ROOT, file)}`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
