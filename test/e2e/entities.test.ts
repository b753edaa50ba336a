import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { testChain } from '../helpers/chain'
import { freshDatabase } from '../helpers/db'
import { runProcessor, writeTempConfig } from '../helpers/processor'

/**
 * The entity side of the API for frontends: Relay connections (cursors, totalCount, filters,
 * ordering), relations batched per request, typed errors. Expected values come from the plan.
 */
let anvil: Anvil
let sim: SimResult
let api: ApiServer
let statements: string[] = []

async function gql(q: string, variables: object = {}) {
  const r = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: q, variables }),
  })
  return (await r.json()) as { data?: any; errors?: any[] }
}
async function data(q: string, variables: object = {}) {
  const r = await gql(q, variables)
  if (r.errors) throw new Error(JSON.stringify(r.errors))
  return r.data
}

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  sim = await simulate(t.chain, { seed: 17, size: 'small' })
  const db = await freshDatabase('entities')
  const config = { ...networkConfigFor(sim.deployment, anvil.url), toBlock: sim.headBlock }
  const r = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: db })
  if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
  api = await startApiServer({ databaseUrl: db, port: 0, onQuery: (sql) => statements.push(sql) })
})
afterAll(async () => {
  await api?.close()
  await anvil?.stop()
})

describe('batching', () => {
  const NESTED = `query($first: Int!) { gpus(first: $first) { nodes {
    id gpuId owner { address gpusOwned { id } holdings { balance } } operator { id gpusOperated { id } }
    transfers { from to { address } } } } }`

  it('serves a page of GPUs with owners, operators and their relations in a constant number of statements', async () => {
    statements = []
    const small = await data(NESTED, { first: 2 })
    const forTwo = statements.length
    statements = []
    const all = await data(NESTED, { first: 100 })
    const forAll = statements.length
    expect(small.gpus.nodes).toHaveLength(2)
    expect(all.gpus.nodes).toHaveLength(sim.gpus.length)
    // page + accounts + gpusOwned + holdings + gpusOperated + transfers + transfer recipients
    expect(forAll).toBe(forTwo)
    expect(forAll).toBeLessThanOrEqual(7)
    for (const g of all.gpus.nodes) {
      const plan = sim.gpus.find((x) => x.gpuId.toString() === g.gpuId)!
      expect(g.id).toBe(`31337:${g.gpuId}`)
      expect(g.owner.address).toBe(plan.owner)
      expect(g.owner.gpusOwned.map((o: any) => o.id)).toContain(g.id)
      expect(g.operator.gpusOperated.map((o: any) => o.id)).toContain(g.id)
      expect(g.transfers.at(-1).to.address).toBe(plan.owner)
    }
  })
})

describe('columns', () => {
  it('reads only the columns a page asks for', async () => {
    statements = []
    const r = await data(`{ gpus(first: 200) { nodes { id gpuId owner { address } } } }`)
    const pageSql = statements.find((s) => /FROM gpu t .*ORDER BY/s.test(s))!
    expect(pageSql).toContain('owner_id')
    expect(pageSql).not.toContain('t.sku')
    const g = sim.gpus[0]
    expect(r.gpus.nodes.find((n: any) => n.gpuId === g.gpuId.toString()).owner.address).toBe(g.owner.toLowerCase())
  })

  it('answers a by-id lookup of a row the page read partly with the whole row', async () => {
    // the page reads id and parentId only; each parent is then looked up by id, in the same request
    const r = await data(
      `{ modelVersions(first: 100) { nodes { id modelVersionId parent { modelVersionId uri op } } } }`,
    )
    const chat = r.modelVersions.nodes.find((n: any) => n.modelVersionId === sim.ids.mvChat)
    expect(chat.parent).toEqual({ modelVersionId: sim.ids.mvBase, uri: 'ipfs://lg8-base', op: 'PRETRAIN' })
  })
})

describe('connections', () => {
  it('pages through every contribution by cursor, with totalCount', async () => {
    const Q = `query($after: String) { contributions(first: 5, after: $after) {
      totalCount edges { cursor node { id contributionId revoked contributor { address } version { versionId } } } pageInfo { hasNextPage endCursor } } }`
    const seen: any[] = []
    let after: string | null = null
    for (let i = 0; i < 10; i++) {
      const c: any = (await data(Q, { after })).contributions
      expect(c.totalCount).toBe(sim.contributions.length)
      seen.push(...c.edges.map((e: any) => e.node))
      if (!c.pageInfo.hasNextPage) break
      after = c.pageInfo.endCursor
    }
    expect(seen.map((n) => Number(n.contributionId))).toEqual(sim.contributions.map((c) => c.id).sort((a, b) => a - b))
    for (const n of seen) {
      const plan = sim.contributions.find((c) => String(c.id) === n.contributionId)!
      expect(n).toMatchObject({
        id: `31337:${plan.id}`,
        revoked: plan.revoked,
        contributor: { address: plan.contributor },
        version: { versionId: plan.version },
      })
    }
  })

  it('filters and orders', async () => {
    const who = sim.contributions[0].contributor
    const mine = (
      await data(
        `{ contributions(filter: { contributor: "${who.toUpperCase().replace('0X', '0x')}" }) { totalCount nodes { id } } }`,
      )
    ).contributions
    expect(mine.totalCount).toBe(sim.contributions.filter((c) => c.contributor === who).length)
    const revoked = (await data(`{ contributions(filter: { revoked: true }) { nodes { contributionId } } }`))
      .contributions
    expect(revoked.nodes.map((n: any) => Number(n.contributionId))).toEqual(
      sim.contributions.filter((c) => c.revoked).map((c) => c.id),
    )

    const byValue = (await data(`{ gpus(orderBy: VALUATION, direction: DESC) { nodes { id valuation } } }`)).gpus.nodes
    const values = byValue.map((g: any) => BigInt(g.valuation))
    expect(values).toEqual(sim.gpus.map((g) => g.valuation).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)))

    const sku = sim.gpus[0].sku
    const ofSku = (await data(`{ gpus(filter: { sku: "${sku}" }) { totalCount nodes { gpuId } } }`)).gpus
    expect(ofSku.nodes.map((g: any) => g.gpuId)).toEqual(
      sim.gpus.filter((g) => g.sku === sku).map((g) => g.gpuId.toString()),
    )
    expect(ofSku.totalCount).toBe(ofSku.nodes.length)
  })

  it('lists the rejected events with their reasons', async () => {
    const r = (
      await data(
        `{ rejectedEvents(first: 100) { totalCount nodes { address reason evidence { txHash blockNumber } } } }`,
      )
    ).rejectedEvents
    expect(r.totalCount).toBe(sim.malformed.length)
    expect(r.nodes.map((n: any) => n.address).sort()).toEqual(sim.malformed.map((m) => m.address).sort())
    const cycles = (await data(`{ rejectedEvents(filter: { eventName: "DatasetDerived" }) { totalCount } }`))
      .rejectedEvents
    expect(cycles.totalCount).toBe(sim.malformed.filter((m) => /derivation/.test(m.name)).length)
  })

  it('shows an account across domains', async () => {
    const investor = sim.accounts[5]
    const a = (
      await data(
        `{ account(id: "${investor}") { id gpusOwned { gpuId } holdings { balance token { symbol } } vaultPositions { shares vault { address } } } }`,
      )
    ).account
    expect(a.gpusOwned.map((g: any) => g.gpuId).sort()).toEqual(
      sim.gpus
        .filter((g) => g.owner === investor)
        .map((g) => g.gpuId.toString())
        .sort(),
    )
    expect(a.holdings.map((h: any) => h.token.symbol)).toContain('LG8')
    expect(a.vaultPositions[0].vault.address).toBe(sim.deployment.gpuVault.toLowerCase())
  })

  it('links model versions, runs and unresolved references', async () => {
    const mv = (
      await data(
        `{ modelVersion(id: "${sim.ids.mvChat}") { parent { modelVersionId } runs { datasets { referencedVersionId resolved datasetVersion { id } } gpus { referencedGpuId resolved gpu { id } } } } }`,
      )
    ).modelVersion
    expect(mv.parent.modelVersionId).toBe(sim.ids.mvBase)
    const refs = mv.runs.flatMap((r: any) => r.datasets)
    expect(refs.find((d: any) => d.referencedVersionId === sim.ids.unknownVersion)).toEqual({
      referencedVersionId: sim.ids.unknownVersion,
      resolved: false,
      datasetVersion: null,
    })
    const gpus = mv.runs.flatMap((r: any) => r.gpus)
    expect(gpus.find((g: any) => g.referencedGpuId === '999')).toEqual({
      referencedGpuId: '999',
      resolved: false,
      gpu: null,
    })
  })
})

describe('bad arguments', () => {
  it.each([
    ['a page over the maximum', '{ gpus(first: 5000) { totalCount } }', 'first'],
    ['a negative page', '{ gpus(first: -1) { totalCount } }', 'first'],
    ['a cursor we never issued', '{ gpus(after: "bm9wZQ") { totalCount } }', 'after'],
    [
      'a cursor of another ordering',
      `{ gpus(orderBy: VALUATION, after: "${Buffer.from('["x","1"]').toString('base64url')}") { totalCount } }`,
      'after',
    ],
    ['a bad address filter', '{ gpus(filter: { operator: "0xnope" }) { totalCount } }', 'filter.operator'],
    ['a non-decimal gpu id', '{ gpu(id: "abc") { id } }', 'id'],
    ['a bad bytes32 id', '{ modelVersion(id: "0x1234") { id } }', 'id'],
  ])('%s', async (_name, q, argument) => {
    const r = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: q }),
    })
    expect(r.status).toBeLessThan(500)
    const body = (await r.json()) as any
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument })
  })

  it('answers null for an unknown id', async () => {
    expect((await data(`{ gpu(id: "4242") { id } account(id: "0x${'00'.repeat(19)}01") { id } }`)).gpu).toBeNull()
  })
})

describe('read-only access', () => {
  it('cannot write through the API’s connections, even if a resolver tried', async () => {
    await expect(api.pool.query(`UPDATE gpu SET valuation = 0`)).rejects.toThrow(/read-only transaction/)
    await expect(api.pool.query(`CREATE TABLE t_x (id int)`)).rejects.toThrow(/read-only transaction/)
    const [row] = (await api.pool.query(`SELECT count(*)::int AS n FROM gpu WHERE valuation = 0`)).rows
    expect(row.n).toBe(0)
  })

  it('runs as the reader role from the migrations, which lacks the privilege even in a read-write transaction', async () => {
    const client = await api.pool.connect()
    try {
      expect((await client.query(`SELECT current_user AS u`)).rows[0].u).toBe('deai_api_reader')
      await client.query('BEGIN READ WRITE')
      await expect(client.query(`UPDATE gpu SET valuation = 0`)).rejects.toThrow(/permission denied for table gpu/)
      await client.query('ROLLBACK')
      // the processor's own bookkeeping is protected the same way
      await client.query('BEGIN READ WRITE')
      await expect(client.query(`INSERT INTO squid_processor_31337.status VALUES (1, 1, '0x', 0)`)).rejects.toThrow(
        /permission denied/,
      )
      await client.query('ROLLBACK')
    } finally {
      client.release()
    }
  })
})
