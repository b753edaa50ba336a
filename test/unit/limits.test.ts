import { getIntrospectionQuery, getOperationAST, parse, type GraphQLSchema } from 'graphql'
import { checkLimits, MAX_EXPANDED_FIELDS, MAX_FRAGMENT_NESTING, rootFieldNames } from '../../src/api/graphql/limits'
import { createSchema } from '../../src/api/graphql/schema'

/** The limit check alone, on the real schema: what it refuses, with which message, and what it lets through. */
let schema: GraphQLSchema
beforeAll(async () => {
  schema = await createSchema()
})

function check(query: string, variables: Record<string, unknown> = {}): string | null {
  const doc = parse(query)
  try {
    checkLimits(schema, doc, getOperationAST(doc)!, variables)
    return null
  } catch (e) {
    return (e as Error).message
  }
}

const W = 'from: "2026-01-01T00:00:00Z", to: "2026-01-08T00:00:00Z"'

it('lets the introspection query and ordinary dashboard queries through', () => {
  expect(check(getIntrospectionQuery())).toBeNull()
  expect(check(`{ gpuUtilization(scope: {}, ${W}, bucket: DAY) { utilization points { utilization } } }`)).toBeNull()
  expect(check('{ gpus(first: 100) { nodes { id owner { id gpusOwned { id } } } } }')).toBeNull()
})

it('counts a fragment once however often it is spread: a 2^20 fan-out is refused by its expanded size', () => {
  let doc = '{ ...F20 } fragment F0 on Query { __typename }'
  for (let i = 1; i <= 20; i++) doc += ` fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`
  expect(check(doc)).toBe(`the query expands to more than ${MAX_EXPANDED_FIELDS} fields (fragments included)`)
  // 12 doublings (4,096 fields) are within the limit and pass
  let ok = '{ ...F12 } fragment F0 on Query { __typename }'
  for (let i = 1; i <= 12; i++) ok += ` fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`
  expect(check(ok)).toBeNull()
})

it('refuses fragments nested deeper than the limit', () => {
  const chain = (L: number) => {
    let doc = `{ ...F${L} } fragment F0 on Query { __typename }`
    for (let i = 1; i <= L; i++) doc += ` fragment F${i} on Query { ...F${i - 1} }`
    return doc
  }
  expect(check(chain(MAX_FRAGMENT_NESTING - 1))).toBeNull()
  expect(check(chain(MAX_FRAGMENT_NESTING + 1))).toBe(`fragments are nested more than ${MAX_FRAGMENT_NESTING} deep`)
})

it('costs a series by its bucket count: 10,000 hourly points of 4 fields fit once, not 6 times', () => {
  const series = (i: number) =>
    `s${i}: gpuUtilization(scope: {}, from: "2026-01-01T00:00:00Z", to: "2027-02-21T16:00:00Z", bucket: HOUR) { points { bucketStart availableSec rentedSec utilization } }`
  expect(check(`{ ${series(0)} }`)).toBeNull()
  // 6 × (2,000 + 10,000 × 5) > 200,000
  expect(check(`{ ${[0, 1, 2, 3, 4, 5].map(series).join(' ')} }`)).toMatch(/query cost exceeds/)
  // without a bucket there are no points to pay for
  expect(
    check(
      `{ ${Array.from({ length: 90 }, (_, i) => `u${i}: gpuUtilization(scope: {}, ${W}) { points { utilization } }`).join(' ')} }`,
    ),
  ).toBeNull()
})

it('counts variable defaults and schema defaults as execution will see them', () => {
  const q = 'query($f: Int = 1000) { gpus(first: $f) { nodes { id owner { gpusOwned { transfers { id } } } } } }'
  expect(check(q)).toMatch(/query cost exceeds/)
  expect(check(q, { f: 2 })).toBeNull()
  // gpus' own default page (100) is the count when first is left out: 100 × 8,843 > 200,000 > 5 × 8,843
  const deep = 'nodes { owner { gpusOwned { owner { gpusOwned { owner { gpusOwned { id } } } } } } }'
  expect(check(`{ gpus { ${deep} } }`)).toMatch(/query cost exceeds/)
  expect(check(`{ gpus(first: 5) { ${deep} } }`)).toBeNull()
})

it('names the root fields a request runs, through fragments, without __typename', () => {
  const doc = parse(
    `{ __typename ...F ... on Query { vaults { totalCount } } } fragment F on Query { gpus { totalCount } }`,
  )
  expect(rootFieldNames(doc, getOperationAST(doc)!)).toEqual(expect.arrayContaining(['gpus', 'vaults']))
  expect(rootFieldNames(doc, getOperationAST(doc)!)).toHaveLength(2)
})
