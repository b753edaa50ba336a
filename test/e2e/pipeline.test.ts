import fs from 'node:fs'
import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { freshDatabase, query } from '../helpers/db'
import { testChain } from '../helpers/chain'
import { runProcessor, writeTempConfig } from '../helpers/processor'

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
    expect(r.status).toBe(200)
    const h = (await r.json()) as any
    expect(h).toMatchObject({ status: 'ok', indexedHeight: sim.headBlock, chainHeight: sim.headBlock, lagBlocks: 0 })
    expect(h.finalizedHeight).toBe(sim.headBlock - 5)
  })

  it('serves every GPU with its owner after transfers, operator, labels, valuation after revaluation and status', async () => {
    const r = await gql(
      `{ gpus(first: 100) { id gpuId sku region status valuation valuationAsset owner { id } operator { id } } }`,
    )
    expect(r.errors).toBeUndefined()
    const byId = new Map(r.data.gpus.map((g: any) => [g.id, g]))
    expect(byId.size).toBe(sim.gpus.length)
    for (const g of sim.gpus) {
      const got: any = byId.get(g.gpuId.toString())
      expect(got).toMatchObject({
        gpuId: g.gpuId.toString(),
        sku: g.sku,
        region: g.region,
        valuation: g.valuation.toString(),
        valuationAsset: sim.deployment.stablecoin.toLowerCase(),
        owner: { id: g.owner },
        operator: { id: g.operator },
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
      `SELECT "from", to_id, tx_hash, block_number FROM gpu_transfer WHERE gpu_id = $1 ORDER BY id`,
      [t.gpuId.toString()],
    )
    expect(transfers.map((x) => [x.from, x.to_id])).toEqual([
      ['0x0000000000000000000000000000000000000000', t.from],
      [t.from, t.to],
    ])
    expect(transfers.every((x) => /^0x[0-9a-f]{64}$/.test(x.tx_hash) && x.block_number > 0)).toBe(true)
    const valuations = await query(dbUrl, `SELECT valuation FROM gpu_valuation WHERE gpu_id = '1' ORDER BY id`)
    expect(valuations.map((v) => v.valuation)).toEqual(['30000000000', '25500000000'])
    const statuses = await query(dbUrl, `SELECT gpu_id, status FROM gpu_status_change ORDER BY id`)
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
    expect((await query(dbUrl, `SELECT count(*)::int AS n FROM gpu WHERE id = '888888'`))[0].n).toBe(0)
  })

  it('keeps the latest usage report per GPU epoch, with the corrected ones superseded but kept', async () => {
    const records = await query(
      dbUrl,
      `SELECT gpu_id, epoch::int AS epoch, extract(epoch FROM epoch_start)::int AS start, available_sec, rented_sec, gross_revenue, reports FROM usage_record`,
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
      `SELECT gpu_id, epoch::int AS epoch, beneficiary_id, gross, operator_fee, protocol_fee, net FROM revenue_distribution`,
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
