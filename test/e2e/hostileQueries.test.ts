import net from 'node:net'
import { getIntrospectionQuery, type IntrospectionQuery, type IntrospectionInputTypeRef } from 'graphql'
import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { testChain } from '../helpers/chain'
import { freshDatabase, query } from '../helpers/db'
import { runProcessor, writeTempConfig } from '../helpers/processor'

/**
 * Hostile clients against the API:
 * - SQL-injection and other nasty strings in every String/ID argument of every query, found by
 *   introspection (so a new argument is covered without touching this test);
 * - slow-loris clients that trickle their headers, while a normal client keeps being served.
 * Every answer must be a typed GraphQL error or data, never a 500 or a stack trace, and the data
 * must be untouched afterwards.
 */
let anvil: Anvil
let sim: SimResult
let api: ApiServer
let db: string

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  sim = await simulate(t.chain, { seed: 23, size: 'small' })
  db = await freshDatabase('hostile_queries')
  const config = { ...networkConfigFor(sim.deployment, anvil.url), toBlock: sim.headBlock }
  const r = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: db })
  if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
  api = await startApiServer({ databaseUrl: db, port: 0, headersTimeoutMs: 2000 })
})
afterAll(async () => {
  await api?.close()
  await anvil?.stop()
})

async function post(body: object): Promise<{ status: number; json: any; text: string }> {
  const r = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
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
