import type { Anvil } from '../../src/demo/anvil'
import { startApiServer, type ApiServer } from '../../src/api/server'
import * as specs from '../../src/api/sql/specs'
import type { TableSpec } from '../../src/api/sql/tables'
import { operatorsOf, type WhereKind } from '../../src/api/sql/where'
import { query } from '../helpers/db'
import { indexedDemo } from '../helpers/demo'

/**
 * `where` on the entity lists, on the small demo economy: every operator on every filterable field
 * of every list, each against a plain SQL statement written here over the table's own columns (the
 * test names the columns itself, so a spec pointing a field at the wrong column fails), nesting,
 * refusals, and that every field said to be indexed has an index in the database.
 */
let anvil: Anvil
let db: string
let api: ApiServer

beforeAll(async () => {
  const demo = await indexedDemo(23, 'where_filters')
  anvil = demo.anvil
  db = demo.db
  api = await startApiServer({ databaseUrl: db, port: 0 })
}, 180_000)
afterAll(async () => {
  await api?.close()
  await anvil?.stop()
})

async function post(q: string, variables: object = {}): Promise<any> {
  const r = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: q, variables }),
  })
  return r.json()
}

/** Every id a list returns for a where, following pages. */
async function idsOf(list: string, type: string, where: object): Promise<string[]> {
  const out: string[] = []
  let after: string | null = null
  for (;;) {
    const r = await post(
      `query($w: ${type}, $after: String) { l: ${list}(first: 1000, after: $after, where: $w) { nodes { id } pageInfo { endCursor hasNextPage } } }`,
      { w: where, after },
    )
    if (r.errors) throw new Error(`${list} ${JSON.stringify(where)}: ${JSON.stringify(r.errors)}`)
    out.push(...r.data.l.nodes.map((n: any) => n.id))
    if (!r.data.l.pageInfo.hasNextPage) return out.sort()
    after = r.data.l.pageInfo.endCursor
  }
}

async function sqlIds(table: string, condition: string, values: unknown[]): Promise<string[]> {
  const rows = await query(db, `SELECT id FROM ${table} WHERE ${condition}`, values)
  return rows.map((r) => r.id).sort()
}

interface Entity {
  list: string
  type: string
  spec: TableSpec
  /** an indexed condition every case is ANDed with, and the same in SQL (from the table's rows) */
  anchor: (rows: any[]) => [object, string]
  /** field → the column it filters, as this test reads the schema */
  columns: Record<string, string>
}

/** an anchor naming every row by an indexed reference field (its column: the id unless given) */
const all =
  (field: string, column = 'id') =>
  (rows: any[]): [object, string] => [
    { [field]: { _in: [...new Set(rows.map((r) => String(r[column]).split(':')[1]))] } },
    'TRUE',
  ]

const ENTITIES: Entity[] = [
  {
    list: 'gpus',
    type: 'GpuWhere',
    spec: specs.GPU,
    anchor: () => [{ gpuId: { _gte: '0' } }, 'gpu_id >= 0'],
    columns: {
      gpuId: 'gpu_id',
      sku: 'sku',
      region: 'region',
      status: 'status',
      valuation: 'valuation',
      registeredAt: 'registered_at',
      registeredBlock: 'registered_block',
      owner: 'owner_id',
      operator: 'operator_id',
    },
  },
  {
    list: 'usageRecords',
    type: 'UsageRecordWhere',
    spec: specs.USAGE_RECORD,
    anchor: all('gpu', 'gpu_id'),
    columns: {
      gpu: 'gpu_id',
      epoch: 'epoch',
      epochStart: 'epoch_start',
      availableSec: 'available_sec',
      rentedSec: 'rented_sec',
      grossRevenue: 'gross_revenue',
      reports: 'reports',
    },
  },
  {
    list: 'vaults',
    type: 'VaultWhere',
    spec: specs.VAULT,
    anchor: all('address'),
    columns: {
      address: 'id',
      asset: 'asset',
      stateSource: 'state_source',
      totalAssets: 'total_assets',
      depositCount: 'deposit_count',
      lastEventAt: 'last_event_at',
    },
  },
  {
    list: 'modelTokens',
    type: 'ModelTokenWhere',
    spec: specs.MODEL_TOKEN,
    anchor: all('address'),
    columns: {
      address: 'id',
      modelId: 'model_id',
      creator: 'creator_id',
      standard: 'standard',
      symbol: 'symbol',
      name: 'name',
      revenueReceived: 'revenue_received',
      holderCount: 'holder_count',
    },
  },
  {
    list: 'holders',
    type: 'HolderWhere',
    spec: specs.HOLDER,
    anchor: () => [{ balance: { _gte: '0' } }, 'balance >= 0'],
    columns: { token: 'token_id', account: 'account_id', balance: 'balance' },
  },
  {
    list: 'datasets',
    type: 'DatasetWhere',
    spec: specs.DATASET,
    anchor: all('datasetId'),
    columns: { datasetId: 'id', owner: 'owner_id', license: 'license', uri: 'uri', blockNumber: 'block_number' },
  },
  {
    list: 'datasetVersions',
    type: 'DatasetVersionWhere',
    spec: specs.DATASET_VERSION,
    anchor: all('versionId'),
    columns: {
      versionId: 'id',
      dataset: 'dataset_id',
      version: 'version',
      records: 'records',
      sizeBytes: 'size_bytes',
      blockNumber: 'block_number',
    },
  },
  {
    list: 'contributions',
    type: 'ContributionWhere',
    spec: specs.CONTRIBUTION,
    anchor: () => [{ contributionId: { _gt: '1' } }, 'contribution_id > 1'],
    columns: {
      contributionId: 'contribution_id',
      version: 'version_id',
      contributor: 'contributor_id',
      kind: 'kind',
      items: 'items',
      qualityBps: 'quality_bps',
      revoked: 'revoked',
      revokedAt: 'revoked_at',
    },
  },
  {
    list: 'modelVersions',
    type: 'ModelVersionWhere',
    spec: specs.MODEL_VERSION,
    anchor: () => [{ modelId: { _lte: '1000' } }, 'model_id <= 1000'],
    columns: {
      versionId: 'id',
      modelId: 'model_id',
      parentVersion: 'parent_version_id',
      op: 'op',
      uri: 'uri',
      blockNumber: 'block_number',
    },
  },
  {
    list: 'trainingRuns',
    type: 'TrainingRunWhere',
    spec: specs.TRAINING_RUN,
    anchor: all('attester', 'attester_id'),
    columns: {
      modelVersion: 'model_version_id',
      attester: 'attester_id',
      startedAt: 'started_at',
      endedAt: 'ended_at',
      totalWeightBps: 'total_weight_bps',
    },
  },
]

const REF: ReadonlySet<WhereKind> = new Set(['address', 'bytes32', 'decimalId'])

/** The SQL of one operator over a column, written plainly (references compared by their part after the chain). */
function reference(kind: WhereKind, column: string, op: string, value: unknown): [string, unknown[]] {
  const col = REF.has(kind) ? `split_part(${column}, ':', 2)` : `${column}`
  const cast = { int: 'int', bigint: 'numeric', datetime: 'timestamptz', boolean: 'boolean' }[kind as string] ?? 'text'
  switch (op) {
    case '_eq':
      return [`${col} = $1::${cast}`, [value]]
    case '_ne':
      return [`${col} <> $1::${cast}`, [value]]
    case '_in':
      return [`${col}::text IN (SELECT unnest($1::text[])::${cast}::text)`, [value]]
    case '_gt':
      return [`${col} > $1::${cast}`, [value]]
    case '_gte':
      return [`${col} >= $1::${cast}`, [value]]
    case '_lt':
      return [`${col} < $1::${cast}`, [value]]
    case '_lte':
      return [`${col} <= $1::${cast}`, [value]]
    case '_contains':
      return [`position($1 in ${col}) > 0`, [value]]
    case '_startsWith':
      return [`left(${col}, length($1)) = $1`, [value]]
    case '_isNull':
      return [value ? `${column} IS NULL` : `${column} IS NOT NULL`, []]
  }
  throw new Error(op)
}

/** A value of a column from a real row, as a client would send it. */
function sample(kind: WhereKind, raw: any): unknown {
  if (REF.has(kind)) return String(raw).split(':')[1]
  if (kind === 'datetime') return new Date(raw).toISOString()
  if (kind === 'int') return Number(raw)
  if (kind === 'boolean') return raw
  return String(raw)
}

describe('where on the entity lists', () => {
  for (const e of ENTITIES) {
    it(`${e.list}: every operator of every field equals plain SQL`, async () => {
      const rows = await query(db, `SELECT * FROM ${e.spec.table} ORDER BY id`)
      expect(rows.length).toBeGreaterThan(0)
      expect(Object.keys(e.columns).sort()).toEqual(Object.keys(e.spec.where!).sort())
      const anchor = e.anchor(rows)
      let nonEmpty = 0
      for (const [field, f] of Object.entries(e.spec.where!)) {
        const column = e.columns[field]
        // the middle row with a value in this column, and another value for lists
        const withValue = rows.filter((r) => r[column] != null)
        const row = withValue[Math.floor(withValue.length / 2)] ?? rows[0]
        const other = withValue[0] ?? row
        for (const op of operatorsOf(f.kind)) {
          let value: unknown
          if (op === '_isNull') value = row[column] == null
          else if (row[column] == null) continue
          else if (op === '_in')
            value = [...new Set([sample(f.kind, row[column]), sample(f.kind, other[column])])].map(String)
          else if (op === '_contains') value = String(row[column]).slice(1, -1)
          else if (op === '_startsWith') value = String(row[column]).slice(0, 3)
          else value = sample(f.kind, row[column])
          const gqlValue = op === '_in' && f.kind === 'int' ? (value as string[]).map(Number) : value
          const [cond, values] = reference(f.kind, column, op, value)
          const expected = await sqlIds(e.spec.table, `(${anchor[1]}) AND ${cond}`, values)
          const got = await idsOf(e.list, e.type, { AND: [anchor[0], { [field]: { [op]: gqlValue } }] })
          expect([field, op, got]).toEqual([field, op, expected])
          if (expected.length) nonEmpty++
        }
      }
      expect(nonEmpty).toBeGreaterThan(Object.keys(e.spec.where!).length)
    })
  }

  it('nests AND, OR and NOT as SQL does', async () => {
    const [a, b] = await query(db, `SELECT DISTINCT sku FROM gpu ORDER BY sku LIMIT 2`)
    const got = await idsOf('gpus', 'GpuWhere', {
      OR: [{ sku: { _eq: a.sku } }, { AND: [{ sku: { _eq: b.sku } }, { NOT: { status: { _eq: 'ACTIVE' } } }] }],
    })
    const expected = await sqlIds('gpu', `sku = $1 OR (sku = $2 AND NOT status = 'ACTIVE')`, [a.sku, b.sku])
    expect(got).toEqual(expected)
    expect(expected.length).toBeGreaterThan(0)
    // the fields of one object and AND are the same conjunction
    const [r] = await query(db, `SELECT region FROM gpu ORDER BY gpu_id LIMIT 1`)
    const one = await idsOf('gpus', 'GpuWhere', { sku: { _eq: a.sku }, region: { _eq: r.region } })
    expect(one).toEqual(
      await idsOf('gpus', 'GpuWhere', { AND: [{ sku: { _eq: a.sku } }, { region: { _eq: r.region } }] }),
    )
    expect(one).toEqual(await sqlIds('gpu', 'sku = $1 AND region = $2', [a.sku, r.region]))
  })

  it('refuses a where no index serves, naming the fields that can', async () => {
    const r = await post(`{ gpus(where: { status: { _eq: "ACTIVE" } }) { nodes { id } } }`)
    expect(r.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where' })
    expect(r.errors[0].message).toMatch(
      /^where must hold a condition an index serves \(_eq, _in or a range on gpuId, sku, region, registeredAt, owner, operator\)/,
    )
    // an OR with one unindexed side, and a NOT, are not served either
    for (const w of [
      `{ OR: [{ sku: { _eq: "x" } }, { status: { _eq: "ACTIVE" } }] }`,
      `{ NOT: { sku: { _eq: "x" } } }`,
      `{ sku: { _contains: "H1" } }`,
    ]) {
      const x = await post(`{ gpus(where: ${w}) { nodes { id } } }`)
      expect([w, x.errors?.[0]?.extensions?.code]).toEqual([w, 'BAD_USER_INPUT'])
    }
  })

  it('answers bad operators, values and references with BAD_USER_INPUT', async () => {
    const cases: [string, RegExp][] = [
      [`{ gpus(where: { sku: { _like: "x" } }) { nodes { id } } }`, /_like/],
      [`{ gpus(where: { owner: { _gt: "0x00" } }) { nodes { id } } }`, /_gt/],
      [`{ gpus(where: { registeredBlock: { _gt: "abc" } }) { nodes { id } } }`, /Int/],
      [`{ gpus(where: { gpuId: { _eq: "1.5" } }) { nodes { id } } }`, /BigInt/],
      [`{ gpus(where: { owner: { _eq: "0x12" } }) { nodes { id } } }`, /address/],
      [`{ gpus(where: { OR: [] }) { nodes { id } } }`, /must not be empty/],
      [`{ gpus(where: { nope: { _eq: 1 } }) { nodes { id } } }`, /nope/],
    ]
    for (const [q, message] of cases) {
      const r = await post(q)
      expect([q, r.errors?.[0]?.extensions?.code]).toEqual([q, 'BAD_USER_INPUT'])
      expect(r.errors[0].message).toMatch(message)
    }
    const v = await post(`query($w: GpuWhere) { gpus(where: $w) { nodes { id } } }`, { w: { sku: { _foo: 1 } } })
    expect(v.errors[0].extensions.code).toBe('BAD_USER_INPUT')
    // a where of more conditions than the bound
    const many = Array.from({ length: 51 }, (_, i) => ({ gpuId: { _eq: String(i) } }))
    const big = await post(`query($w: GpuWhere) { gpus(where: $w) { nodes { id } } }`, { w: { OR: many } })
    expect(big.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } })
    expect(big.errors[0].message).toBe('where has more than 50 conditions')
  })

  it('has an index leading with the column of every field said to be indexed', async () => {
    const indexes = await query<{ tablename: string; indexdef: string }>(
      db,
      `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
    )
    for (const e of ENTITIES) {
      for (const [field, f] of Object.entries(e.spec.where!)) {
        if (!f.indexed) continue
        const column = e.columns[field]
        const has = indexes.some(
          (i) => i.tablename === e.spec.table && new RegExp(`USING btree \\("?${column}"?[,)]`).test(i.indexdef),
        )
        expect([e.list, field, has]).toEqual([e.list, field, true])
      }
    }
  })
})
