import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { encodeAbiParameters, keccak256 } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import { BENCH_START, startDailyChain } from '../../src/benchmarks/bulkChain'
import { testChain } from '../helpers/chain'
import { freshDatabase, query } from '../helpers/db'
import { freePort } from '../helpers/ports'
import { startProcessor, writeTempConfig, type RunningProcessor } from '../helpers/processor'

/**
 * Soak: SOAK_SECONDS (default 120) of mixed query load on the API while the processor indexes a
 * chain that keeps growing (a simulated day of GPU usage, inference, vault flows and token activity
 * every second). Run by `npm run test:soak`; `.ci/run` calls it with a short duration.
 *
 * A ninth client (SOAK_HOSTILE_WORKERS of them) sends only hostile requests (depth and alias
 * bombs, a huge `first`, a maximal lineage, injection and NUL strings, a 2 MB body, fragment chains
 * and fan-outs, aliased 10,000-point series, large defaults, 5,000-deep variables, broken URL
 * encodings), each of which must get its typed answer, never a 5xx.
 *
 * Required: 0 failed requests, p99 under 250 ms (SOAK_P99_MS), the API's memory flat after warm-up, /health never
 * stalled, no processor restart, and the index caught up with the chain at the end.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 120)
const WORKERS = 8
// 250 ms for the full run (RELIABILITY.md); CI's short run on a shared machine sets a looser bound
const P99_BOUND_MS = Number(process.env.SOAK_P99_MS ?? 250)
const HOSTILE_WORKERS = Number(process.env.SOAK_HOSTILE_WORKERS ?? 1)
const RSS_GROWTH_BOUND_MIB = 64
const DAY = 86400
const API_MAIN = path.resolve(__dirname, '..', '..', 'lib', 'api', 'main.js')

let anvil: Anvil
let processor: RunningProcessor | undefined
let apiProc: ReturnType<typeof spawn> | undefined

afterAll(async () => {
  processor?.kill('SIGTERM')
  apiProc?.kill('SIGTERM')
  await processor?.exited
  await anvil?.stop()
})

const rssMiB = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : NaN
}
const pct = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)

it(
  `serves mixed queries for ${SECONDS} s while indexing a growing chain: no errors, bounded p99, flat memory`,
  async () => {
    const t = await testChain()
    anvil = t.anvil
    const plan = {
      gpus: 50,
      requestsPerDay: 20,
      flowsPerDay: 3,
      transfersPerDay: 5,
      modelVersions: 50,
      datasets: 50,
      contributions: 500,
    }
    const daily = await startDailyChain(t.chain, plan)
    for (let i = 0; i < 5; i++) await daily.addDay()
    const { contracts } = await daily.summary()
    let days = 5

    const db = await freshDatabase('soak')
    const config = writeTempConfig({
      name: 'soak',
      chainId: 31337,
      rpcUrl: anvil.url,
      gatewayUrl: null,
      finalityConfirmation: 2,
      fromBlock: 0,
      toBlock: null,
      contracts,
    })
    processor = startProcessor({ NETWORK_CONFIG: config, DATABASE_URL: db })
    const port = await freePort()
    apiProc = spawn(process.execPath, [API_MAIN], {
      env: { ...process.env, DATABASE_URL: db, GQL_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let apiLog = ''
    apiProc.stdout!.on('data', (b) => (apiLog += b))
    apiProc.stderr!.on('data', (b) => (apiLog += b))
    const url = `http://127.0.0.1:${port}`
    // load starts once the API is up and the index has reached the chain's head
    const setupHead = Number(await t.chain.rpc<string>('eth_blockNumber', []))
    for (let i = 0; ; i++) {
      const h = await fetch(`${url}/health`)
        .then((r) => r.json() as Promise<{ indexedHeight: number | null }>)
        .catch(() => null)
      if (h?.indexedHeight != null && h.indexedHeight >= setupHead) break
      if (i > 600) throw new Error(`the API did not come up or the index did not catch up: ${JSON.stringify(h)}`)
      await new Promise((r) => setTimeout(r, 100))
    }

    const iso = (s: number) => new Date(s * 1000).toISOString()
    const tip = keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'uint256' }], ['mv', 49n]))
    const queries: (() => string)[] = [
      () => {
        const to = BENCH_START + days * DAY
        return `{ gpuUtilization(scope: {}, from: "${iso(to - 7 * DAY)}", to: "${iso(to)}", bucket: DAY) { utilization points { utilization } } }`
      },
      () =>
        `{ gpuYield(scope: { gpuIds: ["7"] }, from: "${iso(BENCH_START)}", to: "${iso(BENCH_START + days * DAY)}") { net apr } }`,
      () =>
        `{ vaultYield(vault: "${contracts.gpuVaults[0]}", from: "${iso(BENCH_START)}", to: "${iso(BENCH_START + days * DAY)}", bucket: DAY) { apr tvl } }`,
      () =>
        `{ modelUsage(modelId: "1", from: "${iso(BENCH_START)}", to: "${iso(BENCH_START + days * DAY)}") { requests medianLatencySec } }`,
      () => `{ modelLineage(modelVersionId: "${tip}", maxDepth: 8) { nodes { id } edges { kind } } }`,
      () => `{ modelAttribution(modelVersionId: "${tip}") { shares { share } unattributed } }`,
      () => `{ gpus(first: 50) { totalCount nodes { id owner { id } operator { id } } } }`,
      () => `{ contributions(first: 100) { nodes { id items contributor { id } } } }`,
    ]

    const latencies: number[] = []
    const failures: string[] = []
    const rss: number[] = []
    let stop = false
    const worker = async (w: number) => {
      for (let i = w; !stop; i++) {
        const which = i % queries.length
        const q = queries[which]()
        const t0 = performance.now()
        try {
          const r = await fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: q }),
          })
          const body = (await r.json()) as { errors?: { message: string }[] }
          latencies.push(performance.now() - t0)
          if (!r.ok || body.errors)
            failures.push(`query ${which}: ${r.status} ${JSON.stringify(body.errors ?? '').slice(0, 200)}`)
        } catch (e) {
          failures.push(`query ${which}: ${String(e)}`)
        }
      }
    }
    const grow = async () => {
      while (!stop) {
        await daily.addDay()
        days++
        await new Promise((r) => setTimeout(r, 1000))
      }
    }
    const healthSeen = new Map<string, number>()
    const sample = setInterval(() => {
      rss.push(rssMiB(apiProc!.pid!))
      void fetch(`${url}/health`)
        .then((r) => r.json() as Promise<{ status: string }>)
        .then((h) => healthSeen.set(h.status, (healthSeen.get(h.status) ?? 0) + 1))
        .catch(() => healthSeen.set('unreachable', (healthSeen.get('unreachable') ?? 0) + 1))
    }, 1000)
    const t0 = Date.now()
    // One more client sends only hostile requests. Each must be refused with a typed 4xx or answered
    // within the limits, never a 5xx; the API's memory is measured with all of it going on.
    const nest = (n: number): string => (n === 0 ? 'id' : `owner { gpusOwned { ${nest(n - 1)} } }`)
    const chain = (L: number, fanOut = 1) => {
      let doc = `{ ...F${L} } fragment F0 on Query { __typename }`
      for (let i = 1; i <= L; i++) doc += ` fragment F${i} on Query { ${`...F${i - 1} `.repeat(fanOut)}}`
      return doc
    }
    const longSeries = (i: number) =>
      `s${i}: gpuUtilization(scope: {}, from: "${iso(BENCH_START)}", to: "${iso(BENCH_START + 9_999 * 3600)}", bucket: HOUR) { utilization points { bucketStart availableSec rentedSec utilization } }`
    const hostile: { name: string; body: string; ok: number[]; path?: string }[] = [
      {
        name: 'depth bomb',
        body: JSON.stringify({ query: `{ gpus(first: 5) { nodes { ${nest(10)} } } }` }),
        ok: [400],
      },
      {
        name: 'alias bomb',
        body: JSON.stringify({
          query: `{ ${Array.from({ length: 400 }, (_, i) => `a${i}: modelLineage(modelVersionId: "${tip}", maxDepth: 64) { nodes { id } }`).join(' ')} }`,
        }),
        ok: [400],
      },
      {
        name: 'huge first',
        body: JSON.stringify({ query: '{ gpus(first: 100000000) { nodes { id } } }' }),
        ok: [200, 400],
      },
      {
        name: 'deep lineage',
        body: JSON.stringify({
          query: `{ modelLineage(modelVersionId: "${tip}", maxDepth: 256) { nodes { id } edges { kind } } }`,
        }),
        ok: [200, 400],
      },
      {
        name: 'injection',
        body: JSON.stringify({ query: `{ gpus(filter: { sku: "' OR 1=1; DROP TABLE gpu; --" }) { totalCount } }` }),
        ok: [200],
      },
      {
        name: 'NUL',
        body: JSON.stringify({ query: `{ gpus(filter: { sku: "a\u0000b" }) { totalCount } }` }),
        ok: [400],
      },
      {
        name: 'oversized body',
        body: JSON.stringify({ query: `{ gpus { totalCount } }`, pad: 'x'.repeat(2_000_000) }),
        ok: [413],
      },
      { name: 'fragment chain 2,500', body: JSON.stringify({ query: chain(2500) }), ok: [400] },
      { name: 'fragment fan-out 2^20', body: JSON.stringify({ query: chain(20, 2) }), ok: [400] },
      {
        name: '96 aliased 10,000-point series',
        body: JSON.stringify({ query: `{ ${Array.from({ length: 96 }, (_, i) => longSeries(i)).join(' ')} }` }),
        ok: [400],
      },
      {
        name: 'large default first',
        body: JSON.stringify({
          query: 'query($f: Int = 1000) { gpus(first: $f) { nodes { id owner { gpusOwned { transfers { id } } } } } }',
        }),
        ok: [400],
      },
      {
        name: '48 walks with a default maxDepth 256',
        body: JSON.stringify({
          query: `query($d: Int = 256) { ${Array.from({ length: 48 }, (_, i) => `l${i}: modelLineage(modelVersionId: "${tip}", maxDepth: $d) { nodes { id } }`).join(' ')} }`,
        }),
        ok: [400],
      },
      {
        name: '5,000-deep variables',
        body: `{"query":"query($v: [BigInt!]) { gpuBreakdown(scope: { gpuIds: $v }, from: \\"${iso(BENCH_START)}\\", to: \\"${iso(BENCH_START + DAY)}\\") { gpuId } }","variables":{"v":${'['.repeat(5000)}1${']'.repeat(5000)}}}`,
        ok: [400],
      },
      { name: 'broken %-encoding', path: '/provenance/model/%E0%A4%A', body: '', ok: [400] },
      { name: 'bare %', path: '/provenance/model/%', body: '', ok: [400] },
    ]
    let hostileSent = 0
    const hostileMs = new Map<string, number[]>()
    const hostileWorker = async (w: number) => {
      for (let i = w; !stop; i++) {
        const h = hostile[i % hostile.length]
        const t0 = performance.now()
        try {
          const r = await fetch(
            `${url}${h.path ?? '/graphql'}`,
            h.path ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: h.body },
          )
          await r.arrayBuffer()
          hostileSent++
          hostileMs.set(h.name, [...(hostileMs.get(h.name) ?? []), performance.now() - t0])
          if (!h.ok.includes(r.status)) failures.push(`hostile ${h.name}: HTTP ${r.status}`)
        } catch (e) {
          failures.push(`hostile ${h.name}: ${String(e)}`)
        }
      }
    }
    const running = [
      grow(),
      ...Array.from({ length: HOSTILE_WORKERS }, (_, w) => hostileWorker(w)),
      ...Array.from({ length: WORKERS }, (_, w) => worker(w)),
    ]
    await new Promise((r) => setTimeout(r, SECONDS * 1000))
    stop = true
    await Promise.all(running)
    clearInterval(sample)
    const elapsed = (Date.now() - t0) / 1000

    // The index catches up with the chain (finality 2: everything up to the head is indexed hot).
    const head = Number(await t.chain.rpc<string>('eth_blockNumber', []))
    const until = Date.now() + 60_000
    let indexed = -1
    while (Date.now() < until) {
      indexed = (await query(db, `SELECT indexed_height FROM indexer_state`))[0]?.indexed_height ?? -1
      if (indexed >= head) break
      await new Promise((r) => setTimeout(r, 200))
    }

    latencies.sort((a, b) => a - b)
    const quarter = Math.floor(rss.length / 4)
    const growth = mean(rss.slice(-quarter)) - mean(rss.slice(quarter, 2 * quarter))
    const restarts = processor
      .output()
      .split('\n')
      .filter((l) => l.includes('restarting it')).length
    const result = {
      seconds: Math.round(elapsed),
      requests: latencies.length,
      rps: Math.round(latencies.length / elapsed),
      p50ms: Math.round(pct(latencies, 0.5)),
      p95ms: Math.round(pct(latencies, 0.95)),
      p99ms: Math.round(pct(latencies, 0.99)),
      failed: failures.length,
      hostileRequests: hostileSent,
      daysAdded: days - 5,
      headBlock: head,
      indexedHeight: indexed,
      apiRssMiB: {
        first: Math.round(rss[0]),
        max: Math.round(Math.max(...rss)),
        last: Math.round(rss[rss.length - 1]),
      },
      apiRssGrowthMiB: Math.round(growth),
      processorRestarts: restarts,
      health: Object.fromEntries(healthSeen),
      hostileMedianMs: Object.fromEntries(
        [...hostileMs].map(([k, v]) => [k, Math.round(v.sort((a, b) => a - b)[Math.floor(v.length / 2)])]),
      ),
    }
    console.log(`soak: ${JSON.stringify(result)}`)
    if (failures.length)
      console.log(
        `API log (errors):\n${apiLog
          .split('\n')
          .filter((l) => l.includes('"error"'))
          .slice(0, 5)
          .join('\n')}`,
      )
    expect(failures.slice(0, 5)).toEqual([])
    expect(result.p99ms).toBeLessThan(P99_BOUND_MS)
    expect(growth).toBeLessThan(RSS_GROWTH_BOUND_MIB)
    expect(restarts).toBe(0)
    expect([...healthSeen.keys()].filter((k) => k !== 'ok' && k !== 'syncing')).toEqual([])
    expect(indexed).toBeGreaterThanOrEqual(head)
    expect(result.daysAdded).toBeGreaterThan(SECONDS / 3)
  },
  (SECONDS + 240) * 1000,
)
