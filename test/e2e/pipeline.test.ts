import fs from 'node:fs'
import type { Anvil } from '../../src/demo/anvil'
import { DEMO_CHAIN_ID, networkConfigFor } from '../../src/demo/deploy'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { freshDatabase, query } from '../helpers/db'
import { testChain } from '../helpers/chain'
import { runProcessor, writeTempConfig } from '../helpers/processor'
import { nativeSql as N, onTestChain as C } from '../helpers/ids'

/**
 * The whole pipe on a real chain and a real Postgres: demo economy -> processor -> API.
 * Expected values come from the simulator's plan (what it asked the chain to do), not from the index.
 */
let anvil: Anvil
let sim: SimResult
let dbUrl: string
let api: ApiServer

async function gql(q: string, variables: object = {}) {
  const r = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: q, variables }),
  })
  return (await r.json()) as { data?: any; errors?: any[] }
}

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  sim = await simulate(t.chain, { seed: 7, size: 'small' })
  dbUrl = await freshDatabase('pipeline')
})
afterAll(async () => {
  await api?.close()
  await anvil?.stop()
})

describe('processor command', () => {
  it('stops with exit code 0 at toBlock, then resumes from there to the head', async () => {
    const config = { ...networkConfigFor(sim.deployment, anvil.url), toBlock: 40 }
    const first = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: dbUrl })
    expect(first.code).toBe(0)
    expect((await query(dbUrl, `SELECT indexed_height FROM indexer_state`))[0].indexed_height).toBe(40)

    const second = await runProcessor({
      NETWORK_CONFIG: writeTempConfig({ ...config, toBlock: sim.headBlock }),
      DATABASE_URL: dbUrl,
    })
    expect(second.code).toBe(0)
    expect((await query(dbUrl, `SELECT indexed_height FROM indexer_state`))[0].indexed_height).toBe(sim.headBlock)
  })

  it('finds its database in DB_HOST, DB_PORT, DB_NAME, DB_USER and DB_PASS (what SQD Cloud sets)', async () => {
    const url = new URL(await freshDatabase('pipeline_db_vars'))
    const r = await runProcessor({
      NETWORK_CONFIG: writeTempConfig({ ...networkConfigFor(sim.deployment, anvil.url), toBlock: 20 }),
      DATABASE_URL: '',
      DB_URL: '',
      DB_HOST: url.hostname,
      DB_PORT: url.port,
      DB_NAME: url.pathname.slice(1),
      DB_USER: decodeURIComponent(url.username),
      DB_PASS: decodeURIComponent(url.password),
    })
    expect(r.code).toBe(0)
    expect((await query(url.toString(), `SELECT indexed_height FROM indexer_state`))[0].indexed_height).toBe(20)
    // the password is not printed, even inside the URL made of the parts
    if (url.password) expect(r.output).not.toContain(`:${url.password}@`)
  })

  it.each([
    [{ DB_HOST: 'localhost', DB_PORT: 'fivefourthreetwo' }, /DB_PORT: must be a non-negative integer/],
    [{ DB_NAME: 'squid', DB_USER: 'u' }, /DB_HOST: is not set, but DB_NAME, DB_USER are/],
    [{ DB_URL: 'mysql://x@y/z' }, /DB_URL: must be a postgresql:\/\/ URL/],
  ])('exits 2 naming the database variable that is wrong: %j', async (vars, message) => {
    const r = await runProcessor(
      { NETWORK_CONFIG: writeTempConfig(baseConfig()), DATABASE_URL: '', DB_URL: '', ...vars },
      30_000,
    )
    expect(r.code).toBe(2)
    expect(r.output).toMatch(message)
  })

  it.each([
    ['a missing file', '/nonexistent/network.json', /NETWORK_CONFIG: cannot read/],
    [
      'a bad address',
      { ...baseConfig(), contracts: { gpuRegistry: '0xnothex' } },
      /contracts\.gpuRegistry: must be a 0x-prefixed 20-byte address/,
    ],
    [
      'a string where a number belongs',
      { ...baseConfig(), finalityConfirmation: 'five' },
      /finalityConfirmation: must be a non-negative integer/,
    ],
  ])('exits 2 naming the field for %s', async (_name, config, message) => {
    const file = typeof config === 'string' ? config : writeTempConfig(config)
    const r = await runProcessor({ NETWORK_CONFIG: file, DATABASE_URL: dbUrl }, 30_000)
    expect(r.code).toBe(2)
    expect(r.output).toMatch(message)
  })

  it('exits 2 on a file that is not JSON', async () => {
    const file = writeTempConfig({})
    fs.writeFileSync(file, '{ "name": ')
    const r = await runProcessor({ NETWORK_CONFIG: file, DATABASE_URL: dbUrl }, 30_000)
    expect(r.code).toBe(2)
    expect(r.output).toMatch(/is not valid JSON/)
  })

  it('refuses to start when a patched SDK package is not at the version its patch was written for', async () => {
    // as if src/sdk had been written against rpc-client 4.13.0, while 4.14.0 is installed
    const r = await runProcessor(
      {
        NETWORK_CONFIG: writeTempConfig(baseConfig()),
        DATABASE_URL: dbUrl,
        SDK_PATCH_VERSIONS: JSON.stringify({ '@subsquid/rpc-client': '4.13.0' }),
      },
      30_000,
    )
    const installed = JSON.parse(fs.readFileSync(require.resolve('@subsquid/rpc-client/package.json'), 'utf8')).version
    expect(r.code).toBe(2)
    expect(r.output).toContain(
      `configuration error: @subsquid/rpc-client: is installed at ${installed}, but src/sdk/rpcRetry.ts`,
    )
    expect(r.output).toMatch(/was written for 4\.13\.0/)
    // nothing was indexed: it stopped before the processor ran
    expect(r.output).not.toMatch(/applied migrations|blocks\/sec/)
  })
})

function baseConfig() {
  return { name: 'x', chainId: 31337, rpcUrl: 'http://127.0.0.1:1', finalityConfirmation: 5, contracts: {} }
}

describe('indexed GPU registry, served by the API', () => {
  beforeAll(async () => {
    api = await startApiServer({ databaseUrl: dbUrl, port: 0 })
  })

  it('reports the chain head as indexed on /health', async () => {
    const r = await fetch(`${api.url}/health`)
    const h = (await r.json()) as any
    expect(r.status).toBe(200)
    expect(h).toMatchObject({ status: 'ok', indexedHeight: sim.headBlock, chainHeight: sim.headBlock, lagBlocks: 0 })
    expect(h.finalizedHeight).toBe(sim.headBlock - 5)
  })

  it('serves every GPU with its owner after transfers, operator, labels, valuation after revaluation and status', async () => {
    const r = await gql(
      `{ gpus(first: 100) { totalCount nodes { id chainId gpuId sku region status valuation valuationAsset owner { address } operator { address } } } }`,
    )
    expect(r.errors).toBeUndefined()
    const byId = new Map(r.data.gpus.nodes.map((g: any) => [g.gpuId, g]))
    expect(byId.size).toBe(sim.gpus.length)
    expect(r.data.gpus.totalCount).toBe(sim.gpus.length)
    for (const g of sim.gpus) {
      const got: any = byId.get(g.gpuId.toString())
      expect(got).toMatchObject({
        id: C(g.gpuId),
        chainId: DEMO_CHAIN_ID,
        gpuId: g.gpuId.toString(),
        sku: g.sku,
        region: g.region,
        valuation: g.valuation.toString(),
        valuationAsset: sim.deployment.stablecoin.toLowerCase(),
        owner: { address: g.owner },
        operator: { address: g.operator },
        status: g.retiredDay != null ? 'RETIRED' : 'ACTIVE',
      })
    }
    // the revalued GPU: 30,000 dUSD * 85% = 25,500 dUSD (6 decimals)
    expect((byId.get('1') as any).valuation).toBe('25500000000')
  })

  it('keeps owner, valuation and status history with the evidence of each change', async () => {
    const [t] = sim.transfers
    const transfers = await query(
      dbUrl,
      `SELECT "from", ${N('to_id')} AS to_id, tx_hash, block_number FROM gpu_transfer WHERE gpu_id = $1 ORDER BY id`,
      [C(t.gpuId)],
    )
    expect(transfers.map((x) => [x.from, x.to_id])).toEqual([
      ['0x0000000000000000000000000000000000000000', t.from],
      [t.from, t.to],
    ])
    expect(transfers.every((x) => /^0x[0-9a-f]{64}$/.test(x.tx_hash) && x.block_number > 0)).toBe(true)
    const valuations = await query(dbUrl, `SELECT valuation FROM gpu_valuation WHERE gpu_id = $1 ORDER BY id`, [C(1)])
    expect(valuations.map((v) => v.valuation)).toEqual(['30000000000', '25500000000'])
    const statuses = await query(dbUrl, `SELECT ${N('gpu_id')} AS gpu_id, status FROM gpu_status_change ORDER BY id`)
    expect(statuses).toEqual([
      { gpu_id: '2', status: 'MAINTENANCE' },
      { gpu_id: '2', status: 'ACTIVE' },
      { gpu_id: '3', status: 'RETIRED' },
    ])
  })

  it('records each malformed registry log as a rejected event and nothing else from it', async () => {
    const expected = sim.malformed.filter((m) => m.address === sim.deployment.gpuRegistry.toLowerCase())
    expect(expected).toHaveLength(3)
    const rows = await query(
      dbUrl,
      `SELECT address, topic0, reason, tx_hash FROM rejected_event WHERE address = $1 ORDER BY id`,
      [expected[0].address],
    )
    expect(rows.map((r) => r.topic0)).toEqual(expected.map((m) => m.topic0))
    expect(rows.map((r) => r.reason)).toEqual([
      expect.stringMatching(/cannot decode as Transfer/),
      expect.stringMatching(/GPU 888888 was never registered/),
      expect.stringMatching(/status 9 is not one of 0\.\.3/),
    ])
    expect((await query(dbUrl, `SELECT count(*)::int AS n FROM gpu WHERE id = $1`, [C(888888)]))[0].n).toBe(0)
  })

  it('keeps the latest usage report per GPU epoch, with the corrected ones superseded but kept', async () => {
    const records = await query(
      dbUrl,
      `SELECT ${N('gpu_id')} AS gpu_id, epoch::int AS epoch, extract(epoch FROM epoch_start)::int AS start, available_sec, rented_sec, gross_revenue, reports FROM usage_record`,
    )
    const byKey = new Map(records.map((r) => [`${r.gpu_id}-${r.epoch}`, r]))
    expect(byKey.size).toBe(sim.usage.length)
    for (const u of sim.usage) {
      expect(byKey.get(`${u.gpuId}-${u.epoch}`)).toEqual({
        gpu_id: u.gpuId.toString(),
        epoch: u.epoch,
        start: u.epochStart,
        available_sec: u.availableSec,
        rented_sec: u.rentedSec,
        gross_revenue: u.gross.toString(),
        reports: u.corrected ? 2 : 1,
      })
    }
    const corrected = sim.usage.filter((u) => u.corrected).length
    expect(corrected).toBeGreaterThan(0)
    const reports = await query(
      dbUrl,
      `SELECT superseded, count(*)::int AS n FROM usage_report GROUP BY superseded ORDER BY superseded`,
    )
    expect(reports).toEqual([
      { superseded: false, n: sim.usage.length },
      { superseded: true, n: corrected },
    ])
  })

  it('stores every revenue split, paid on the corrected gross: fees 10% and 5% rounded down, net the rest', async () => {
    const rows = await query(
      dbUrl,
      `SELECT ${N('gpu_id')} AS gpu_id, epoch::int AS epoch, ${N('beneficiary_id')} AS beneficiary_id, gross, operator_fee, protocol_fee, net FROM revenue_distribution`,
    )
    expect(rows).toHaveLength(sim.usage.length)
    const byKey = new Map(rows.map((r) => [`${r.gpu_id}-${r.epoch}`, r]))
    for (const u of sim.usage) {
      const op = (u.gross * 1000n) / 10000n
      const proto = (u.gross * 500n) / 10000n
      expect(byKey.get(`${u.gpuId}-${u.epoch}`)).toMatchObject({
        gross: u.gross.toString(),
        operator_fee: op.toString(),
        protocol_fee: proto.toString(),
        net: (u.gross - op - proto).toString(),
      })
    }
    // the transferred GPU pays its first owner before the transfer day and the new owner after
    const [t] = sim.transfers
    const paid = rows.filter((r) => r.gpu_id === t.gpuId.toString())
    expect(new Set(paid.filter((r) => r.epoch < t.day - 1).map((r) => r.beneficiary_id))).toEqual(new Set([t.from]))
    expect(new Set(paid.filter((r) => r.epoch >= t.day).map((r) => r.beneficiary_id))).toEqual(new Set([t.to]))
  })

  it('rejects the malformed ledger logs with their reasons', async () => {
    const ledger = sim.deployment.computeLedger.toLowerCase()
    const rows = await query(dbUrl, `SELECT reason FROM rejected_event WHERE address = $1 ORDER BY id`, [ledger])
    expect(rows.map((r) => r.reason)).toEqual([
      'GPU 777777 was never registered',
      'rentedSec 7200 > availableSec 3600',
      'availableSec 7200 > epochLength 3600',
      expect.stringMatching(/^cannot decode as UsageReported/),
      'gross 1000 != operatorFee 100 + protocolFee 50 + net 900',
      'GPU 777777 was never registered',
    ])
    expect((await query(dbUrl, `SELECT count(*)::int AS n FROM usage_record WHERE epoch >= 900`))[0].n).toBe(0)
  })

  it('answers a bad id with a typed error, not a 500', async () => {
    const r = await gql(`{ gpu(id: "one") { id } }`)
    expect(r.errors?.[0]).toMatchObject({
      message: 'id must be a decimal gpuId, got "one"',
      extensions: { code: 'BAD_USER_INPUT' },
    })
    expect((await gql(`{ gpu(id: "424242") { id } }`)).data.gpu).toBeNull()
  })
})

describe('gpuUtilization (docs/metrics.md), against the simulator’s final usage records', () => {
  const DAY_S = 86400
  const iso = (unix: number) => new Date(unix * 1000).toISOString()
  /** the reference: Σ rented / Σ available over final records whose epochStart is in [from, to) */
  function expected(filter: (u: SimResult['usage'][number]) => boolean, from: number, to: number) {
    const rs = sim.usage.filter((u) => filter(u) && u.epochStart >= from && u.epochStart < to)
    const a = rs.reduce((s, u) => s + u.availableSec, 0)
    const r = rs.reduce((s, u) => s + u.rentedSec, 0)
    return { availableSec: String(a), rentedSec: String(r), utilization: a === 0 ? null : r / a }
  }
  const Q = `query($scope: GpuScope!, $from: DateTime!, $to: DateTime!, $bucket: Bucket) {
    gpuUtilization(scope: $scope, from: $from, to: $to, bucket: $bucket) {
      availableSec rentedSec utilization points { bucketStart availableSec rentedSec utilization } } }`

  it('of the whole fleet over the whole run', async () => {
    const r = await gql(Q, { scope: {}, from: iso(sim.start), to: iso(sim.end) })
    expect(r.errors).toBeUndefined()
    const want = expected(() => true, sim.start, sim.end)
    expect(r.data.gpuUtilization).toMatchObject({ ...want, utilization: expect.closeTo(want.utilization!, 12) })
    expect(r.data.gpuUtilization.points).toEqual([])
  })

  it('of one operator (address in upper case), counting only corrected values', async () => {
    const op = sim.gpus[0].operator
    const mine = new Set(sim.gpus.filter((g) => g.operator === op).map((g) => g.gpuId))
    const r = await gql(Q, {
      scope: { operator: op.toUpperCase().replace('0X', '0x') },
      from: iso(sim.start),
      to: iso(sim.end),
    })
    const want = expected((u) => mine.has(u.gpuId), sim.start, sim.end)
    expect(r.data.gpuUtilization).toMatchObject({ ...want, utilization: expect.closeTo(want.utilization!, 12) })
  })

  it('of a SKU per day, with the empty last day present as zeros and null', async () => {
    const sku = 'H100-SXM-80GB'
    const ids = new Set(sim.gpus.filter((g) => g.sku === sku).map((g) => g.gpuId))
    const r = await gql(Q, { scope: { sku }, from: iso(sim.start), to: iso(sim.end), bucket: 'DAY' })
    const points = r.data.gpuUtilization.points
    expect(points).toHaveLength(11)
    points.forEach((p: any, i: number) => {
      const day = sim.start + i * DAY_S
      const want = expected((u) => ids.has(u.gpuId), day, day + DAY_S)
      expect(p.bucketStart).toBe(new Date(day * 1000).toISOString())
      expect(p).toMatchObject({ availableSec: want.availableSec, rentedSec: want.rentedSec })
      if (want.utilization === null) expect(p.utilization).toBeNull()
      else expect(p.utilization).toBeCloseTo(want.utilization, 12)
    })
    expect(points[10]).toMatchObject({ availableSec: '0', rentedSec: '0', utilization: null })
  })

  it('of a window whose edges cut hours: records count by their epochStart only', async () => {
    // [day 1 00:30, day 5 00:30) holds the epochs starting on days 2, 3, 4 and 5
    const from = sim.start + DAY_S + 1800
    const to = sim.start + 5 * DAY_S + 1800
    const r = await gql(Q, { scope: { gpuIds: ['1', '2', '5'] }, from: iso(from), to: iso(to) })
    const want = expected((u) => [1n, 2n, 5n].includes(u.gpuId), from, to)
    expect(r.data.gpuUtilization).toMatchObject({ ...want, utilization: expect.closeTo(want.utilization!, 12) })
    const epochs = new Set(sim.usage.filter((u) => u.epochStart >= from && u.epochStart < to).map((u) => u.epoch))
    expect([...epochs].sort()).toEqual([2, 3, 4, 5])
  })

  it('per week, weeks starting on Monday (the run starts Monday 2026-09-07)', async () => {
    const r = await gql(Q, { scope: {}, from: iso(sim.start), to: iso(sim.end), bucket: 'WEEK' })
    const points = r.data.gpuUtilization.points
    expect(points.map((p: any) => p.bucketStart)).toEqual(['2026-09-07T00:00:00.000Z', '2026-09-14T00:00:00.000Z'])
    const second = expected(() => true, sim.start + 7 * DAY_S, sim.end)
    expect(points[1]).toMatchObject({ availableSec: second.availableSec, rentedSec: second.rentedSec })
  })

  it.each([
    ['from after to', { scope: {}, from: iso(2_000_000_000), to: iso(1_000_000_000) }, 'from', /must be before to/],
    ['from equal to', { scope: {}, from: iso(1_000_000_000), to: iso(1_000_000_000) }, 'from', /must be before to/],
    [
      'a bad operator',
      { scope: { operator: '0x12' }, from: iso(0), to: iso(86400) },
      'scope.operator',
      /20-byte address/,
    ],
    [
      'too many buckets',
      { scope: {}, from: iso(0), to: iso(2 * 365 * 86400), bucket: 'HOUR' },
      'bucket',
      /exceed the limit/,
    ],
  ])('refuses %s with BAD_USER_INPUT naming the argument', async (_name, vars, argument, message) => {
    const r = await gql(Q, vars)
    expect(r.data).toBeNull()
    expect(r.errors?.[0]).toMatchObject({
      message: expect.stringMatching(message),
      extensions: { code: 'BAD_USER_INPUT', argument },
    })
  })

  it('refuses a date that is not ISO-8601 with a typed error', async () => {
    const r = await gql(Q, { scope: {}, from: 'yesterday', to: iso(86400) })
    expect(r.errors?.[0].extensions.code).toBe('BAD_USER_INPUT')
    expect(r.errors?.[0].message).toMatch(/from/)
  })
})
