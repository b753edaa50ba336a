import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { testChain } from '../helpers/chain'
import { tableChecksums } from '../helpers/checksum'
import { freshDatabase, query } from '../helpers/db'
import { graphqlData } from '../helpers/http'
import { runProcessor, writeTempConfig } from '../helpers/processor'

/**
 * Two real chains with different chain ids (31337 and 31338) into one Postgres. Each plays the demo
 * economy of its own seed, so both have GPU 1, model 1 and the same dataset and model version ids;
 * chain B's network file says its training runs' GPUs are chain A's. Expected values come from the
 * two plans, worked out here.
 */
const A = 31337
const B = 31338
let anvils: Anvil[] = []
let simA: SimResult
let simB: SimResult
let fileA: string
let fileB: string
let both: string
let bothOutput: string
let api: ApiServer

const gql = (q: string, variables: object = {}) =>
  fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: q, variables }),
  }).then((r) => r.json() as Promise<{ data?: any; errors?: any[] }>)
const data = (q: string, variables: object = {}) => graphqlData(api.url, q, variables)

beforeAll(async () => {
  const a = await testChain(A)
  const b = await testChain(B)
  anvils = [a.anvil, b.anvil]
  simA = await simulate(a.chain, { seed: 11, size: 'small' })
  simB = await simulate(b.chain, { seed: 12, size: 'small' })
  fileA = writeTempConfig({ ...networkConfigFor(simA.deployment, a.anvil.url), toBlock: simA.headBlock })
  fileB = writeTempConfig({
    ...networkConfigFor(simB.deployment, b.anvil.url, 5, {
      chainId: B,
      name: 'models',
      resolve: { gpusOnChain: A, datasetsOnChain: B },
    }),
    toBlock: simB.headBlock,
  })
  // both chains at once, one processor command with both files (one worker per chain)
  both = await freshDatabase('chains_both')
  const r = await runProcessor({ NETWORK_CONFIG: `${fileA},${fileB}`, DATABASE_URL: both }, 180_000)
  if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
  bothOutput = r.output
  api = await startApiServer({ databaseUrl: both, port: 0 })
}, 300_000)
afterAll(async () => {
  await api?.close()
  for (const a of anvils) await a.stop()
})

describe('the same ids on two chains', () => {
  it('are two things, each with its chain, and an id on both without chainId is the ambiguity error', async () => {
    const r = await gql(`{ gpu(id: "1") { id } }`)
    expect(r.errors?.[0]).toMatchObject({
      message: 'GPU "1" exists on chains 31337, 31338: give chainId to say which',
      extensions: { code: 'BAD_USER_INPUT', argument: 'chainId' },
    })
    const d = await data(`{ a: gpu(id: "1", chainId: 31337) { id chainId gpuId sku owner { address } }
      b: gpu(id: "1", chainId: 31338) { id chainId gpuId sku owner { address } }
      byId: gpu(id: "31338:1") { id } }`)
    const plan = (sim: SimResult) => sim.gpus.find((g) => g.gpuId === 1n)!
    expect(d.a).toEqual({
      id: '31337:1',
      chainId: A,
      gpuId: '1',
      sku: plan(simA).sku,
      owner: { address: plan(simA).owner },
    })
    expect(d.b).toEqual({
      id: '31338:1',
      chainId: B,
      gpuId: '1',
      sku: plan(simB).sku,
      owner: { address: plan(simB).owner },
    })
    expect(d.byId.id).toBe('31338:1')
    // the chain named and the item not on it: NOT_FOUND; no chain named and nowhere: null
    const absent = await gql(`{ gpu(id: "424242", chainId: 31338) { id } }`)
    expect(absent.errors?.[0]).toMatchObject({
      message: 'GPU "424242" is not indexed on chain 31338',
      extensions: { code: 'NOT_FOUND' },
    })
    expect((await data(`{ gpu(id: "424242") { id } }`)).gpu).toBeNull()
    // every GPU of both plans, each once
    const all = await data(`{ gpus(first: 1000) { totalCount nodes { id } } b: gpus(chainId: 31338) { totalCount } }`)
    expect(all.gpus.totalCount).toBe(simA.gpus.length + simB.gpus.length)
    expect(new Set(all.gpus.nodes.map((n: any) => n.id)).size).toBe(all.gpus.totalCount)
    expect(all.b.totalCount).toBe(simB.gpus.length)
    // the same model version id on both chains: two versions, two lineages
    const mv = simA.ids.mvChat
    expect(simB.ids.mvChat).toBe(mv)
    expect((await gql(`{ modelLineage(modelVersionId: "${mv}") { root } }`)).errors?.[0].extensions.argument).toBe(
      'chainId',
    )
  })

  it('keeps every row of a chain in its chain: ids, foreign keys and chain_id agree in every table', async () => {
    const tables = await query<{ t: string }>(
      both,
      // the indexed tables: an id and a chain_id (follow_pending, outside the data, has no id)
      `SELECT c.table_name AS t FROM information_schema.columns c
         JOIN information_schema.columns i ON i.table_schema = c.table_schema AND i.table_name = c.table_name AND i.column_name = 'id'
        WHERE c.table_schema = 'public' AND c.column_name = 'chain_id'`,
    )
    expect(tables.length).toBeGreaterThan(40)
    for (const { t } of tables) {
      const [bad] = await query(
        both,
        `SELECT count(*)::int AS n FROM "${t}" WHERE split_part(id, ':', 1)::int <> chain_id OR chain_id NOT IN (${A}, ${B})`,
      )
      expect([t, bad.n]).toEqual([t, 0])
    }
    // relations point within the chain, but for the references a network file sends elsewhere
    const [cross] = await query(
      both,
      `SELECT (SELECT count(*) FROM usage_record WHERE split_part(gpu_id, ':', 1)::int <> chain_id)
            + (SELECT count(*) FROM holder WHERE split_part(account_id, ':', 1)::int <> chain_id)
            + (SELECT count(*) FROM contribution WHERE split_part(version_id, ':', 1)::int <> chain_id) AS n`,
    )
    expect(Number(cross.n)).toBe(0)
  })

  it('sum utilization over both chains as the union of their records, and refuse to sum two assets', async () => {
    const w = { from: new Date(simA.start * 1000).toISOString(), to: new Date(simA.end * 1000).toISOString() }
    const sum = (sims: SimResult[]) => {
      const rs = sims.flatMap((s) => s.usage)
      const a = rs.reduce((x, u) => x + u.availableSec, 0)
      const r = rs.reduce((x, u) => x + u.rentedSec, 0)
      return { availableSec: String(a), rentedSec: String(r) }
    }
    const d = await data(
      `query($from: DateTime!, $to: DateTime!) {
        all: gpuUtilization(scope: {}, from: $from, to: $to) { availableSec rentedSec utilization }
        a: gpuUtilization(scope: { chainIds: [31337] }, from: $from, to: $to) { availableSec rentedSec }
        b: gpuUtilization(scope: { chainIds: [31338] }, from: $from, to: $to) { availableSec rentedSec } }`,
      w,
    )
    expect(simA.start).toBe(simB.start)
    expect(d.all).toMatchObject(sum([simA, simB]))
    expect(d.all.utilization).toBeCloseTo(
      Number(sum([simA, simB]).rentedSec) / Number(sum([simA, simB]).availableSec),
      12,
    )
    expect(d.a).toEqual(sum([simA]))
    expect(d.b).toEqual(sum([simB]))
    // as a daily series: both chains' records line up on the same UTC days, each day their sum
    const series = await data(
      `query($from: DateTime!, $to: DateTime!) {
        gpuUtilization(scope: {}, from: $from, to: $to, bucket: DAY) { points { bucketStart availableSec rentedSec } } }`,
      w,
    )
    const byDay = new Map<string, { availableSec: number; rentedSec: number }>()
    for (const u of [...simA.usage, ...simB.usage]) {
      const day = new Date(Math.floor(u.epochStart / 86400) * 86400 * 1000).toISOString()
      const x = byDay.get(day) ?? { availableSec: 0, rentedSec: 0 }
      x.availableSec += u.availableSec
      x.rentedSec += u.rentedSec
      byDay.set(day, x)
    }
    const points = series.gpuUtilization.points.filter((p: any) => p.availableSec !== '0')
    expect(points.length).toBeGreaterThan(1)
    expect(points.map((p: any) => [new Date(p.bucketStart).toISOString(), p.availableSec, p.rentedSec])).toEqual(
      [...byDay]
        .sort(([x], [y]) => (x < y ? -1 : 1))
        .map(([day, v]) => [day, String(v.availableSec), String(v.rentedSec)]),
    )
    // both chains' GPUs are valued in their own dUSD: an error naming each, chain-qualified
    const y = await gql(
      `query($from: DateTime!, $to: DateTime!) { gpuYield(scope: {}, from: $from, to: $to) { net } }`,
      w,
    )
    const usd = simA.deployment.stablecoin.toLowerCase()
    expect(simB.deployment.stablecoin.toLowerCase()).toBe(usd)
    expect(y.errors?.[0]).toMatchObject({
      message: `the GPUs in scope are valued in different assets (31337:${usd}, 31338:${usd}); narrow the scope to one asset`,
      extensions: { code: 'BAD_USER_INPUT', argument: 'scope' },
    })
    const one = await data(
      `query($from: DateTime!, $to: DateTime!) { gpuYield(scope: { chainIds: [31338] }, from: $from, to: $to) { asset assetChainId } }`,
      w,
    )
    expect(one.gpuYield).toEqual({ asset: usd, assetChainId: B })
  })

  it('exports both chains in the CSV, each row with its chain', async () => {
    const csv = await (await fetch(`${api.url}/export/model-tokens.csv`)).text()
    const rows = csv.trim().split('\r\n').slice(1)
    expect(rows.filter((r) => r.endsWith(',31337')).length).toBe(simA.tokens.length + 1)
    expect(rows.filter((r) => r.endsWith(',31338')).length).toBe(simB.tokens.length + 1)
  })
})

describe('provenance across chains', () => {
  it("walks a model of chain B to the GPUs of chain A its runs cite, and to its own chain's data", async () => {
    const g = (
      await data(`{ modelLineage(modelVersionId: "${simB.ids.mvChat}", chainId: 31338, maxDepth: 8) {
        root nodes { id kind resolved } } }`)
    ).modelLineage
    expect(g.root).toBe(`model:31338:${simB.ids.mvChat}`)
    const ids = (kind: string) =>
      g.nodes
        .filter((n: any) => n.kind === kind)
        .map((n: any) => n.id)
        .sort()
    // the fine-tune's runs named GPUs 5, 1 and 999 and the base's 1, 2, 3: chain A's
    expect(ids('GPU')).toEqual(['gpu:31337:1', 'gpu:31337:2', 'gpu:31337:3', 'gpu:31337:5', 'gpu:31337:999'])
    const byId = new Map(g.nodes.map((n: any) => [n.id, n]))
    expect(byId.get('gpu:31337:1')).toMatchObject({ resolved: true })
    expect(byId.get('gpu:31337:999')).toMatchObject({ resolved: false })
    // its data is chain B's own
    expect(ids('DATASET_VERSION').every((id: string) => id.startsWith('dataset:31338:'))).toBe(true)
    expect(ids('MODEL_VERSION')).toEqual([`model:31338:${simB.ids.mvBase}`, `model:31338:${simB.ids.mvChat}`].sort())
    // the GPU node is chain A's GPU: its SKU is chain A's plan
    const gpu = (
      await data(
        `{ trainingRuns(chainId: 31338) { nodes { gpus { referencedGpuId referencedChainId resolved gpu { id sku } } } } }`,
      )
    ).trainingRuns.nodes.flatMap((r: any) => r.gpus)
    for (const ref of gpu) {
      expect(ref.referencedChainId).toBe(A)
      const plan = simA.gpus.find((x) => x.gpuId.toString() === ref.referencedGpuId)
      expect(ref.resolved).toBe(plan != null)
      if (plan) expect(ref.gpu).toEqual({ id: `31337:${plan.gpuId}`, sku: plan.sku })
    }
  })

  it('attributes a model of chain B from chain B data only, as an index of chain B alone does', async () => {
    const alone = await freshDatabase('chains_b_alone')
    const r = await runProcessor({ NETWORK_CONFIG: fileB, DATABASE_URL: alone }, 180_000)
    expect(r.code).toBe(0)
    const other = await startApiServer({ databaseUrl: alone, port: 0 })
    try {
      const q = `{ modelAttribution(modelVersionId: "${simB.ids.mvChat}", chainId: 31338) { shares { contributor share contributions } unattributed } }`
      const there = await graphqlData(other.url, q)
      const here = await data(q)
      expect(here).toEqual(there)
      expect(here.modelAttribution.shares.length).toBeGreaterThan(0)
    } finally {
      await other.close()
    }
  })

  it("attributes a model of chain B to chain A's contributors when its runs' data is chain A's, in either order", async () => {
    // chain B's file now says its runs' dataset versions are chain A's
    const fileB2 = writeTempConfig({
      ...networkConfigFor(simB.deployment, anvils[1].url, 5, {
        chainId: B,
        name: 'models',
        resolve: { gpusOnChain: A, datasetsOnChain: A },
      }),
      toBlock: simB.headBlock,
    })
    const db = await freshDatabase('chains_data_on_a')
    const other = await startApiServer({ databaseUrl: db, port: 0 })
    const q = `{ modelAttribution(modelVersionId: "${simB.ids.mvChat}", chainId: 31338) {
      shares { contributor share contributions } unattributed } }`
    try {
      // chain B first: every dataset version its runs name is still unknown
      expect((await runProcessor({ NETWORK_CONFIG: fileB2, DATABASE_URL: db }, 180_000)).code).toBe(0)
      expect((await graphqlData(other.url, q)).modelAttribution).toEqual({ shares: [], unattributed: 1 })
      // then chain A: the shares are chain A's contributions, worked out from its plan
      expect((await runProcessor({ NETWORK_CONFIG: fileA, DATABASE_URL: db }, 180_000)).code).toBe(0)
      const got = (await graphqlData(other.url, q)).modelAttribution
      const want = chatAttribution(simA)
      expect(got.shares.map((s: any) => [s.contributor, s.contributions])).toEqual(
        want.shares.map((s) => [s.contributor, s.contributions]),
      )
      got.shares.forEach((s: any, i: number) => expect(s.share).toBeCloseTo(want.shares[i].share, 12))
      expect(got.unattributed).toBeCloseTo(want.unattributed, 12)
      // and the lineage's dataset nodes are chain A's
      const g = (
        await graphqlData(
          other.url,
          `{ modelLineage(modelVersionId: "${simB.ids.mvChat}", chainId: 31338, maxDepth: 8) { nodes { id kind resolved } } }`,
        )
      ).modelLineage.nodes.filter((n: any) => n.kind === 'DATASET_VERSION')
      expect(g.length).toBeGreaterThan(0)
      expect(g.every((n: any) => n.id.startsWith('dataset:31337:'))).toBe(true)
    } finally {
      await other.close()
    }
  })

  it('resolves the references whichever chain is indexed first', async () => {
    // chain B first: its runs name chain A's GPUs, which are not indexed yet
    const bFirst = await freshDatabase('chains_b_first')
    expect((await runProcessor({ NETWORK_CONFIG: fileB, DATABASE_URL: bFirst }, 180_000)).code).toBe(0)
    const other = await startApiServer({ databaseUrl: bFirst, port: 0 })
    try {
      const refs = async () =>
        (
          await graphqlData(
            other.url,
            `{ trainingRuns(chainId: 31338) { nodes { gpus { referencedGpuId resolved } } } }`,
          )
        ).trainingRuns.nodes.flatMap((r: any) => r.gpus)
      expect((await refs()).some((g: any) => g.resolved)).toBe(false)
      // then chain A: the same references resolve, with no write to chain B's rows
      const before = await tableChecksums(bFirst)
      expect((await runProcessor({ NETWORK_CONFIG: fileA, DATABASE_URL: bFirst }, 180_000)).code).toBe(0)
      expect(
        (await refs())
          .filter((g: any) => g.resolved)
          .map((g: any) => g.referencedGpuId)
          .sort(),
      ).toEqual(
        (await refs())
          .filter((g: any) => g.referencedGpuId !== '999')
          .map((g: any) => g.referencedGpuId)
          .sort(),
      )
      const [untouched] = await query(
        bFirst,
        `SELECT md5(string_agg(x::text, '|' ORDER BY x.id)) AS h FROM training_run_gpu x WHERE chain_id = ${B}`,
      )
      expect(before.training_run_gpu.endsWith(untouched.h)).toBe(true)
    } finally {
      await other.close()
    }
    // and the end state is the one of both chains indexed together
    expect(await tableChecksums(bFirst)).toEqual(await tableChecksums(both))
  })
})

describe('configuration of several chains', () => {
  it('says on every line of one command with several files which chain the line is about', () => {
    const lines = bothOutput.split('\n').filter(Boolean)
    const chainOf = (l: string) => (l.startsWith('{') ? JSON.parse(l).chainId : /^\[chain (\d+)\] /.exec(l)?.[1])
    const untagged = lines.filter((l) => chainOf(l) == null)
    expect(untagged).toEqual([])
    // both workers spoke, each under its own chain
    expect(new Set(lines.map((l) => String(chainOf(l))))).toEqual(new Set([String(A), String(B)]))
  })

  it('stops with exit 2 naming the file and the field of one bad file among several, before indexing', async () => {
    const bad = writeTempConfig({
      name: 'x',
      chainId: 5,
      rpcUrl: 'http://127.0.0.1:1',
      finalityConfirmation: 0,
      contracts: {},
    })
    const db = await freshDatabase('chains_bad')
    const r = await runProcessor({ NETWORK_CONFIG: `${fileA},${bad}`, DATABASE_URL: db }, 60_000)
    expect(r.code).toBe(2)
    expect(r.output).toContain(`configuration error: ${bad}: finalityConfirmation: must be at least 1`)
    expect(r.output).not.toMatch(/applied migrations/)
  })

  it('refuses two files of one chain, and one RPC_URL for several chains', async () => {
    const db = await freshDatabase('chains_twice')
    const twice = await runProcessor({ NETWORK_CONFIG: `${fileA},${fileA}`, DATABASE_URL: db }, 60_000)
    expect(twice.code).toBe(2)
    expect(twice.output).toContain(`are both chain 31337`)
    const rpc = await runProcessor(
      { NETWORK_CONFIG: `${fileA},${fileB}`, DATABASE_URL: db, RPC_URL: 'http://127.0.0.1:1' },
      60_000,
    )
    expect(rpc.code).toBe(2)
    expect(rpc.output).toMatch(/configuration error: RPC_URL: names one chain's RPC, but NETWORK_CONFIG lists 2 files/)
  })

  it('refuses a database of the single-chain version, saying it must be indexed again, and changes nothing', async () => {
    const db = await freshDatabase('chains_old')
    // what the single-chain version leaves: its progress in schema squid_processor
    await query(db, `CREATE SCHEMA squid_processor`)
    await query(db, `CREATE TABLE squid_processor.status (id int PRIMARY KEY, height int, hash text, nonce int)`)
    await query(db, `INSERT INTO squid_processor.status VALUES (0, 40, '0x', 0)`)
    const r = await runProcessor({ NETWORK_CONFIG: fileA, DATABASE_URL: db }, 60_000)
    expect(r.code).toBe(2)
    expect(r.output).toContain('configuration error: DATABASE_URL: reindex required: this database holds an index')
    // the migrations ran in one transaction, so none of them is left applied
    const [t] = await query(db, `SELECT to_regclass('public.gpu') IS NULL AS none`)
    expect(t.none).toBe(true)
  })
})

/**
 * The demo's chat model attributed by hand (METRICS.md's attribution) from a plan's contributions:
 * its two runs give instr-v1 (1 + 0.6) / 2 = 0.8 and an unknown version 0.2; instr-v1 passes 0.4 to
 * web-v2 and 0.3 to code-v1, and web-v2 passes 0.8 of its share to web-v1.
 */
function chatAttribution(sim: SimResult) {
  const { instrV1, webV2, codeV1, webV1 } = sim.ids
  const kept = new Map<string, number>([
    [instrV1, 0.8 * 0.3],
    [webV2, 0.8 * 0.4 * 0.2],
    [codeV1, 0.8 * 0.3],
    [webV1, 0.8 * 0.4 * 0.8],
  ])
  let unattributed = 0.2
  const byContributor = new Map<string, { share: number; contributions: number }>()
  for (const [version, share] of kept) {
    const valid = sim.contributions.filter((c) => c.version === version && !c.revoked)
    const weight = valid.reduce((a, c) => a + c.items * c.qualityBps, 0)
    if (weight === 0) unattributed += share
    for (const c of valid) {
      const who = byContributor.get(c.contributor.toLowerCase()) ?? { share: 0, contributions: 0 }
      who.share += (share * c.items * c.qualityBps) / weight
      who.contributions += 1
      byContributor.set(c.contributor.toLowerCase(), who)
    }
  }
  const shares = [...byContributor].map(([contributor, s]) => ({ contributor, ...s }))
  // served largest share first
  shares.sort((a, b) => b.share - a.share || (a.contributor < b.contributor ? -1 : 1))
  return { shares, unattributed }
}
