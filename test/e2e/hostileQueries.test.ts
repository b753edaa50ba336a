import net from 'node:net'
import { getIntrospectionQuery, type IntrospectionQuery, type IntrospectionInputTypeRef } from 'graphql'
import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { label, simulate, type SimResult } from '../../src/demo/simulate'
import { TEXT_CAP } from '../../src/api/graphql/common/text'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { latestBlock, testChain } from '../helpers/chain'
import { freshDatabase, query } from '../helpers/db'
import { rawGet } from '../helpers/http'
import { runProcessor, writeTempConfig } from '../helpers/processor'

/**
 * Hostile clients against the API:
 * - SQL-injection and other nasty strings in every String/ID argument of every query, found by
 *   introspection (so a new argument is covered without touching this test);
 * - slow-loris clients that trickle their headers, while a normal client keeps being served.
 * - documents that turn the limit check into the attack (fragment chains and fan-outs), lists whose
 *   arguments imply thousands of items, defaults that hide a large argument, broken encodings;
 * - on-chain text built to mislead or to swamp (bidirectional controls, 10,000-character names,
 *   a 60 kB URI, spreadsheet formulas), which the chain below holds on top of the seeded economy.
 * Every answer must be a typed GraphQL error or data, never a 500 or a stack trace, and the data
 * must be untouched afterwards.
 */
let anvil: Anvil
let sim: SimResult
let api: ApiServer
let db: string
let headBlock: number

/** On-chain text of the hostile tokens and dataset (created by the test after the seeded economy). */
const FORMULA_NAME = '=HYPERLINK("http://evil.example/x","click me")'
const BIDI_NAME = 'safe\u202Egpj.exe\u202C'
const LONG_NAME = 'N'.repeat(10_000)
const LONG_URI = 'ipfs://' + 'u'.repeat(60_000)
const HOSTILE_DATASET = label('hostile-dataset')
const HOSTILE_MODEL = `0x${'ab'.repeat(32)}` as const

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  sim = await simulate(t.chain, { seed: 23, size: 'small' })
  const d = sim.deployment
  const creator = t.accounts[9]
  const now = (await latestBlock(t.chain)).timestamp
  for (const [name, symbol] of [
    [FORMULA_NAME, '+EVIL'],
    [BIDI_NAME, '@SYM'],
    [LONG_NAME, 'LONG'],
  ]) {
    const token = { name, symbol, totalSupply: 1000n, claimableBps: 5000, revenueAsset: d.stablecoin }
    const offering = {
      tokensForSale: 100n,
      target: 10n,
      raiseAsset: d.stablecoin,
      startTime: BigInt(now + 100),
      endTime: BigInt(now + 1000),
    }
    await t.chain.call(creator, d.modelTokenFactory, 'ModelTokenFactory', 'createModel', [token, offering], 30_000_000)
  }
  await t.chain.call(
    creator,
    d.dataRegistry,
    'DataRegistry',
    'registerDataset',
    [HOSTILE_DATASET, label('CC0'), LONG_URI],
    30_000_000,
  )
  const zero32 = `0x${'0'.repeat(64)}`
  await t.chain.call(
    creator,
    d.provenanceRegistry,
    'ProvenanceRegistry',
    'publishModelVersion',
    [HOSTILE_MODEL, 1n, zero32, 0, label('w'), LONG_URI],
    30_000_000,
  )
  await t.chain.mine(now + 10)
  headBlock = (await latestBlock(t.chain)).number
  db = await freshDatabase('hostile_queries')
  const config = { ...networkConfigFor(sim.deployment, anvil.url), toBlock: headBlock }
  const r = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: db })
  if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
  api = await startApiServer({ databaseUrl: db, port: 0, headersTimeoutMs: 2000 })
})
afterAll(async () => {
  await api?.close()
  await anvil?.stop()
})

async function post(body: object | string): Promise<{ status: number; json: any; text: string }> {
  const r = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await r.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: r.status, json, text }
}

const PAYLOADS = [
  `' OR '1'='1`,
  `'; DROP TABLE gpu; --`,
  `1); DELETE FROM usage_record; --`,
  `0x' UNION SELECT table_name FROM information_schema.tables --`,
  `\u0000`,
  `%' OR 1=1 --`,
  `$1`,
  'x'.repeat(10_000),
]
/** What a typed refusal may say; anything else (INTERNAL_SERVER_ERROR above all) fails the test. */
const TYPED = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'NOT_FOUND', 'QUERY_TOO_COMPLEX'])

type TypeRef = IntrospectionInputTypeRef
const named = (t: TypeRef): { kind: string; name: string } =>
  t.kind === 'NON_NULL' || t.kind === 'LIST' ? named((t as any).ofType) : (t as { kind: string; name: string })
const isList = (t: TypeRef): boolean => t.kind === 'LIST' || (t.kind === 'NON_NULL' && isList((t as any).ofType))

it('answers every String/ID argument of every query, given injection strings, with data or a typed error', async () => {
  const schema = (await post({ query: getIntrospectionQuery() })).json.data as IntrospectionQuery
  const types = new Map(schema.__schema.types.map((t) => [t.name, t]))
  const queryType = types.get(schema.__schema.queryType.name) as any
  const iso = (t: number) => new Date(t * 1000).toISOString()

  /** A valid value for a required argument of this type (so only the argument under test is hostile). */
  const valid = (t: TypeRef): unknown => {
    const n = named(t)
    const v = (() => {
      switch (n.name) {
        case 'DateTime':
          return iso(sim.start)
        case 'Int':
          return 1
        case 'Float':
          return 1
        case 'Boolean':
          return false
        case 'BigInt':
          return '1'
        case 'String':
        case 'ID':
          return sim.deployment.gpuVault.toLowerCase()
      }
      const def = types.get(n.name) as any
      if (def.kind === 'ENUM') return def.enumValues[0].name
      if (def.kind === 'INPUT_OBJECT') {
        return Object.fromEntries(
          def.inputFields.filter((f: any) => f.type.kind === 'NON_NULL').map((f: any) => [f.name, valid(f.type)]),
        )
      }
      throw new Error(`no valid value for ${n.name}`)
    })()
    return isList(t) ? [v] : v
  }

  /** Every path to a String/ID input under an argument: [] for the argument itself, else field names. */
  const stringPaths = (t: TypeRef, depth = 0): string[][] => {
    const n = named(t)
    if (n.name === 'String' || n.name === 'ID') return [[]]
    const def = types.get(n.name) as any
    if (depth > 2 || def?.kind !== 'INPUT_OBJECT') return []
    return def.inputFields.flatMap((f: any) => stringPaths(f.type, depth + 1).map((p) => [f.name, ...p]))
  }

  let requests = 0
  const failures: string[] = []
  for (const field of queryType.fields) {
    for (const arg of field.args) {
      for (const p of stringPaths(arg.type)) {
        for (const payload of PAYLOADS) {
          const args: Record<string, unknown> = {}
          for (const a of field.args) if (a.type.kind === 'NON_NULL') args[a.name] = valid(a.type)
          // put the payload at the path (inside input objects if need be)
          if (p.length === 0) args[arg.name] = isList(arg.type) ? [payload] : payload
          else {
            const obj: any = { ...((args[arg.name] as object) ?? {}) }
            let cur = obj
            for (const k of p.slice(0, -1)) cur = cur[k] = { ...(cur[k] ?? {}) }
            cur[p[p.length - 1]] = payload
            args[arg.name] = obj
          }
          const vars = Object.keys(args)
          const argTypes = new Map(field.args.map((a: any) => [a.name, a.type]))
          const decl = vars.map((v) => `$${v}: ${typeString(argTypes.get(v) as TypeRef)}`).join(', ')
          const call = vars.map((v) => `${v}: $${v}`).join(', ')
          const q = `query${decl ? `(${decl})` : ''} { ${field.name}${call ? `(${call})` : ''} { __typename } }`
          const r = await post({ query: q, variables: args })
          requests++
          const codes: string[] = (r.json?.errors ?? []).map((e: any) => e.extensions?.code)
          const ok =
            r.json && r.status < 500 && codes.every((c) => TYPED.has(c)) && !/\bat .*\.(js|ts):\d+/.test(r.text)
          if (!ok)
            failures.push(
              `${field.name}(${[arg.name, ...p].join('.')}=${payload.slice(0, 30)}): ${r.status} ${r.text.slice(0, 200)}`,
            )
        }
      }
    }
  }
  expect(failures).toEqual([])
  expect(requests).toBeGreaterThan(200)
  // nothing was dropped or deleted
  const [counts] = await query(
    db,
    `SELECT (SELECT count(*) FROM gpu)::int AS gpus, (SELECT count(*) FROM usage_record)::int AS usage`,
  )
  expect(counts).toEqual({ gpus: sim.gpus.length, usage: sim.usage.length })
  console.log(`hostile string arguments: ${requests} requests, all answered with data or a typed error`)
})

it('refuses requests that alias many analytics or graph queries, however small each selection', async () => {
  const tip = sim.ids.mvChat
  const lineages = Array.from(
    { length: 100 },
    (_, i) => `l${i}: modelLineage(modelVersionId: "${tip}", maxDepth: 64) { nodes { id } }`,
  )
  const yields = Array.from(
    { length: 150 },
    (_, i) => `y${i}: gpuYield(scope: {}, from: "2026-09-07T00:00:00Z", to: "2026-09-14T00:00:00Z") { net }`,
  )
  for (const fields of [lineages, yields]) {
    const r = await post({ query: `{ ${fields.join(' ')} }` })
    expect({ status: r.status, code: r.json.errors?.[0]?.extensions?.code }).toEqual({
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
    })
  }
  // a handful is fine
  const few = await post({ query: `{ ${lineages.slice(0, 3).join(' ')} ${yields.slice(0, 3).join(' ')} }` })
  expect(few.json.errors).toBeUndefined()
})

it('serves normal clients while slow-loris clients trickle headers, and drops those after the header timeout', async () => {
  const { port } = new URL(api.url)
  const slow: net.Socket[] = []
  const closed: Promise<number>[] = []
  for (let i = 0; i < 200; i++) {
    const s = net.connect(Number(port), '127.0.0.1')
    s.on('error', () => {})
    const opened = Date.now()
    closed.push(new Promise((resolve) => s.on('close', () => resolve(Date.now() - opened))))
    s.write('POST /graphql HTTP/1.1\r\nHost: x\r\n')
    slow.push(s)
  }
  const trickle = setInterval(() => {
    for (const s of slow) if (!s.destroyed) s.write('X-a: b\r\n')
  }, 300)
  try {
    // a normal client is served while they hang on
    const t = performance.now()
    const r = await post({ query: '{ gpus(first: 1) { totalCount } }' })
    expect(r.json.data.gpus.totalCount).toBe(sim.gpus.length)
    expect(performance.now() - t).toBeLessThan(2000)
    // and the server drops every slow one once its headers are overdue (2 s here, checked every second)
    const lifetimes = await Promise.all(closed)
    expect(Math.max(...lifetimes)).toBeLessThan(8000)
  } finally {
    clearInterval(trickle)
    for (const s of slow) s.destroy()
  }
})

function typeString(t: TypeRef): string {
  if (t.kind === 'NON_NULL') return `${typeString((t as any).ofType)}!`
  if (t.kind === 'LIST') return `[${typeString((t as any).ofType)}]`
  return (t as { name: string }).name
}

/** A fragment chain: F0 is `__typename`, each Fi spreads F(i-1) `fanOut` times; the query spreads F(L). */
function fragmentChain(L: number, fanOut = 1): string {
  let doc = `{ ...F${L} }\nfragment F0 on Query { __typename }\n`
  for (let i = 1; i <= L; i++) doc += `fragment F${i} on Query { ${`...F${i - 1} `.repeat(fanOut)}}\n`
  return doc
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now()
  const r = await f()
  return [r, performance.now() - t]
}

it('refuses fragment chains and fan-outs quickly, with a typed 400, and keeps serving others meanwhile', async () => {
  const cases: [string, string, string][] = [
    ['chain of 3,000 (120 kB)', fragmentChain(3000), 'GRAPHQL_PARSE_FAILED'],
    ['chain of 8,000 (stack overflow before)', fragmentChain(8000), 'GRAPHQL_PARSE_FAILED'],
    ['chain of 40, within the token limit', fragmentChain(40), 'QUERY_TOO_COMPLEX'],
    ['binary fan-out of 20 (852 bytes, 2^20 fields)', fragmentChain(20, 2), 'QUERY_TOO_COMPLEX'],
  ]
  const times: string[] = []
  for (const [name, query, code] of cases) {
    const [r, ms] = await timed(() => post({ query }))
    expect({ name, status: r.status, code: r.json?.errors?.[0]?.extensions?.code }).toEqual({ name, status: 400, code })
    times.push(`${name}: ${ms.toFixed(0)} ms`)
  }
  // 32 clients sending chains at once: a normal client is still served, and none gets a 5xx
  const burst = Array.from({ length: 32 }, () => post({ query: fragmentChain(2500) }))
  const [normal, normalMs] = await timed(() => post({ query: '{ gpus(first: 5) { nodes { id } } }' }))
  expect(normal.json.data.gpus.nodes).toHaveLength(5)
  const statuses = (await Promise.all(burst)).map((r) => r.status)
  expect(new Set(statuses)).toEqual(new Set([400]))
  expect(normalMs).toBeLessThan(2000)
  console.log(`fragment attacks: ${times.join('; ')}; a normal query during 32 chains: ${normalMs.toFixed(0)} ms`)
})

it('costs a series by the buckets its window implies, and a page or walk by its variable defaults', async () => {
  const from = Date.parse('2026-09-07T00:00:00Z')
  const to = new Date(from + 9_999 * 3_600_000).toISOString()
  const series = (i: number) =>
    `u${i}: gpuUtilization(scope: {}, from: "${new Date(from).toISOString()}", to: "${to}", bucket: HOUR) { utilization points { bucketStart availableSec rentedSec utilization } }`
  const many = await post({ query: `{ ${Array.from({ length: 96 }, (_, i) => series(i)).join(' ')} }` })
  expect({ status: many.status, code: many.json.errors?.[0]?.extensions?.code }).toEqual({
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  })
  // one such series is fine: 9,999 hourly points
  const one = await post({ query: `{ ${series(0)} }` })
  expect(one.json.errors).toBeUndefined()
  expect(one.json.data.u0.points).toHaveLength(9_999)

  // a default in the operation counts as if the client had sent it
  const nested = 'nodes { id owner { gpusOwned { transfers { id } } } }'
  for (const body of [
    { query: `query($f: Int = 1000) { gpus(first: $f) { ${nested} } }` },
    { query: `query($f: Int) { gpus(first: $f) { ${nested} } }`, variables: { f: 1000 } },
    { query: `{ gpus(first: 1000) { ${nested} } }` },
    {
      query: `query($d: Int = 256) { ${Array.from({ length: 48 }, (_, i) => `l${i}: modelLineage(modelVersionId: "${sim.ids.mvChat}", maxDepth: $d) { nodes { id } }`).join(' ')} }`,
    },
  ]) {
    const r = await post(body)
    expect({ body: body.query.slice(0, 40), status: r.status, code: r.json.errors?.[0]?.extensions?.code }).toEqual({
      body: body.query.slice(0, 40),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
    })
  }
  // and a small default is served
  const small = await post({ query: `query($f: Int = 2) { gpus(first: $f) { ${nested} } }` })
  expect(small.json.data.gpus.nodes).toHaveLength(2)
})

it('replaces a response over the size cap with RESPONSE_TOO_LARGE', async () => {
  const small = await startApiServer({ databaseUrl: db, port: 0, maxResponseBytes: 300 })
  try {
    const r = await fetch(`${small.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ gpus(first: 1000) { nodes { id sku region valuation owner { id } } } }' }),
    })
    const j: any = await r.json()
    expect({ status: r.status, code: j.errors?.[0]?.extensions?.code }).toEqual({
      status: 400,
      code: 'RESPONSE_TOO_LARGE',
    })
    const ok = await fetch(`${small.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ gpus(first: 2) { nodes { id } } }' }),
    })
    expect(((await ok.json()) as any).data.gpus.nodes).toHaveLength(2)
  } finally {
    await small.close()
  }
})

it('labels metrics by the root fields a request runs, through fragments and past __typename', async () => {
  const w = `from: "2026-09-07T00:00:00Z", to: "2026-09-08T00:00:00Z"`
  const count = async (operation: string) => {
    const text = await (await fetch(`${api.url}/metrics`)).text()
    const m = new RegExp(`deai_api_requests_total\\{operation="${operation}",outcome="ok"\\} (\\d+)`).exec(text)
    return m ? Number(m[1]) : 0
  }
  const before = [await count('gpus'), await count('gpuUtilization')]
  expect(
    (await post({ query: '{ ...F } fragment F on Query { gpus(first: 1) { totalCount } }' })).json.errors,
  ).toBeUndefined()
  expect(
    (await post({ query: `{ __typename gpuUtilization(scope: {}, ${w}) { utilization } }` })).json.errors,
  ).toBeUndefined()
  expect([await count('gpus'), await count('gpuUtilization')]).toEqual([before[0] + 1, before[1] + 1])
})

it('answers broken encodings and deeply nested variables with a 400, never a 500', async () => {
  // sent as text: JSON.stringify itself cannot write 5,000 levels
  const deep = '{"v":' + '['.repeat(5000) + '"x"' + ']'.repeat(5000) + '}'
  const q =
    'query($v: [BigInt!]) { gpuBreakdown(scope: { gpuIds: $v }, from: \\"2026-09-07T00:00:00Z\\", to: \\"2026-09-08T00:00:00Z\\") { gpuId } }'
  const nested = await post(`{"query":"${q}","variables":${deep}}`)
  expect(nested.status).toBe(400)
  expect(nested.json.errors[0].extensions.code).toBe('BAD_USER_INPUT')
  for (const target of ['/provenance/model/%E0%A4%A', '/provenance/model/%', '//%%%/', '/export/%zz.csv']) {
    const r = await rawGet(api.url, target)
    expect({ target, status: r.status, stack: /\bat .*\.(js|ts):\d+/.test(r.body) }).toEqual({
      target,
      status: 400,
      stack: false,
    })
    expect(JSON.parse(r.body).error.message).toMatch(/\w/)
  }
})

it('serves on-chain text capped, flags the cut, gives the full value on request, and counts it', async () => {
  const r = await post({
    query: '{ modelTokens(first: 100) { nodes { name symbol } } dataset(id: "' + HOSTILE_DATASET + '") { uri } }',
  })
  expect(r.json.errors).toBeUndefined()
  const names = r.json.data.modelTokens.nodes.map((n: any) => n.name)
  // stored and served exactly as emitted, invisible controls included
  expect(names).toContain(BIDI_NAME)
  expect(names).toContain(FORMULA_NAME)
  const long = r.json.data.modelTokens.nodes.findIndex((n: any) => n.name.startsWith('NNN'))
  expect(r.json.data.modelTokens.nodes[long].name).toBe(LONG_NAME.slice(0, TEXT_CAP))
  expect(r.json.data.dataset.uri).toBe(LONG_URI.slice(0, TEXT_CAP))
  expect(r.json.extensions.truncated).toEqual(
    expect.arrayContaining([
      { path: `modelTokens.nodes.${long}.name`, length: LONG_NAME.length },
      { path: 'dataset.uri', length: LONG_URI.length },
    ]),
  )
  // a lineage node's label (the model's URI) is cut too, in GraphQL and in the PROV-O document
  const g = await post({ query: `{ modelLineage(modelVersionId: "${HOSTILE_MODEL}") { nodes { id label } } }` })
  expect(g.json.data.modelLineage.nodes[0].label).toBe(LONG_URI.slice(0, TEXT_CAP))
  expect(g.json.extensions.truncated).toEqual([{ path: 'modelLineage.nodes.0.label', length: LONG_URI.length }])
  const prov = await rawGet(api.url, `/provenance/model/${HOSTILE_MODEL}`)
  expect(prov.status).toBe(200)
  expect(prov.body).toContain(LONG_URI.slice(0, TEXT_CAP))
  expect(prov.body.length).toBeLessThan(10_000)
  const full = await post({ query: `{ dataset(id: "${HOSTILE_DATASET}") { uri(full: true) } }` })
  expect(full.json.data.dataset.uri).toBe(LONG_URI)
  expect(full.json.extensions?.truncated).toBeUndefined()
  // a page of full text is large in the cost: 1,000 full names are refused, capped ones are not
  const fullPage = await post({
    query: '{ modelTokens(first: 1000) { nodes { name(full: true) symbol(full: true) uri: id } } }',
  })
  expect(fullPage.json.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX')
})

it('neutralises spreadsheet formulas from on-chain names in CSV exports', async () => {
  const r = await rawGet(api.url, '/export/model-tokens.csv')
  expect(r.status).toBe(200)
  const lines = r.body.split('\r\n')
  expect(lines[0]).toBe('token,modelId,name,symbol,totalSupply,claimableBps,revenueAsset,chainId')
  const row = lines.find((l) => l.includes('HYPERLINK'))!
  // the name is quoted (it holds a comma and quotes) and starts with an apostrophe inside the quotes
  expect(row).toContain(`,"'=HYPERLINK(""http://evil.example/x"",""click me"")",'+EVIL,`)
  expect(lines.find((l) => l.includes('@SYM'))).toContain(",'@SYM,")
  // numbers are left alone
  expect(row).toMatch(/,1000,5000,0x[0-9a-f]{40},31337$/)
})

it('answers GET /graphql?query= when the client says it is not a browser form (CSRF prevention)', async () => {
  const q = encodeURIComponent('{ gpus(first: 1) { totalCount } }')
  const refused = await fetch(`${api.url}/graphql?query=${q}`)
  expect(refused.status).toBe(400)
  const ok = await fetch(`${api.url}/graphql?query=${q}`, { headers: { 'apollo-require-preflight': 'true' } })
  expect(((await ok.json()) as any).data.gpus.totalCount).toBe(sim.gpus.length)
})
