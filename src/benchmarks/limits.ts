import '../api/production'
import { getIntrospectionQuery, getOperationAST, GraphQLError, parse, validate } from 'graphql'
import { checkLimits, MAX_TOKENS } from '../api/graphql/limits'
import { createSchema } from '../api/graphql/schema'
import { writeResult } from './machine'

/**
 * What it costs the API to judge a document before running it: parse (stopping at MAX_TOKENS),
 * graphql's validation, then our limits (graphql/limits.ts). For each hostile shape the API must
 * refuse, and for the largest documents it accepts, the median of 30 runs in this process, with a
 * plain `{ __typename }` as the baseline of the same run. The API's promise is that no document
 * within the 1 MiB body limit takes more than 50 ms to judge (RELIABILITY.md).
 */
function chain(L: number, fanOut = 1): string {
  let doc = `{ ...F${L} }\nfragment F0 on Query { __typename }\n`
  for (let i = 1; i <= L; i++) doc += `fragment F${i} on Query { ${`...F${i - 1} `.repeat(fanOut)}}\n`
  return doc
}
const series = (i: number) =>
  `s${i}: gpuUtilization(scope: {}, from: "2026-01-01T00:00:00Z", to: "2027-02-21T16:00:00Z", bucket: HOUR) { utilization points { bucketStart availableSec rentedSec utilization } }`
const aliases = (n: number, f: (i: number) => string) => `{ ${Array.from({ length: n }, (_, i) => f(i)).join(' ')} }`

const DOCUMENTS: Record<string, string> = {
  'baseline { __typename }': '{ __typename }',
  'fragment chain, 3,000 (120 kB)': chain(3000),
  'fragment chain, 25,000 (1 MB)': chain(25_000),
  'fragment fan-out 2^20 (852 B)': chain(20, 2),
  'fragment chain of 30 (accepted nesting)': chain(30),
  '96 aliased 10,000-point series': aliases(96, series),
  '1,600 aliased __typename (just under the token limit)': aliases(1_600, (i) => `a${i}: __typename`),
  '400 aliased small pages (just under the token limit)': aliases(400, (i) => `a${i}: gpus(first: 1) { totalCount }`),
  'the same field 1,600 times (overlap check)': aliases(1_600, () => `__typename`),
  'introspection query': getIntrospectionQuery(),
}

async function main() {
  const schema = await createSchema()
  const judge = (doc: string): string => {
    try {
      const d = parse(doc, { maxTokens: MAX_TOKENS })
      const errors = validate(schema, d)
      if (errors.length) return `invalid: ${errors[0].message.slice(0, 60)}`
      checkLimits(schema, d, getOperationAST(d)!, {})
      return 'accepted'
    } catch (e) {
      return e instanceof GraphQLError ? `refused: ${e.message.slice(0, 60)}` : `crashed: ${String(e)}`
    }
  }
  const rows: { document: string; bytes: number; verdict: string; medianMs: number; maxMs: number }[] = []
  for (const [name, doc] of Object.entries(DOCUMENTS)) {
    for (let i = 0; i < 5; i++) judge(doc) // warm-up
    const ms: number[] = []
    let verdict = ''
    for (let i = 0; i < 30; i++) {
      const t = performance.now()
      verdict = judge(doc)
      ms.push(performance.now() - t)
    }
    ms.sort((a, b) => a - b)
    rows.push({ document: name, bytes: doc.length, verdict, medianMs: +ms[15].toFixed(2), maxMs: +ms[29].toFixed(2) })
    console.log(JSON.stringify(rows.at(-1)))
  }
  const file = writeResult('limits', { maxTokens: MAX_TOKENS, runs: 30, rows })
  console.log(`written ${file}`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
