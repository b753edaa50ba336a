import path from 'node:path'
import pg from 'pg'
import { PROJECT_ROOT } from '../config/env'
import { startEmbeddedPostgres } from '../postgres/embedded'
import { writeResult } from './machine'

/**
 * What one row of the usage path costs Postgres, part by part: the rows an ingestion run wrote, copied
 * into a scratch table that has the real table's primary key only, then its indexes, then the foreign
 * keys the table had before the processor stopped keeping them, inside Postgres (`INSERT … SELECT`); then sent from Node the way our bulk writes send them
 * (`unnest` of text arrays, indexes but no foreign keys); then as an upsert where every row conflicts.
 * Each figure is the median of three, in µs per row, on an otherwise idle Postgres.
 *
 * It reads the database of a finished ingestion run, whose folder the run keeps and prints ("logs in
 * …"): node lib/benchmarks/writeCosts.js <that folder> [database=b_0]
 */
const TABLES = ['usage_report', 'usage_record', 'revenue_distribution', 'gpu_hour', 'gpu_day']
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FOREIGN_KEYS: [table: string, name: string, definition: string][] = require(
  path.join(PROJECT_ROOT, 'db', 'migrations', '1796148700000-UncheckedReferences.js'),
).FOREIGN_KEYS

async function main() {
  const folder = process.argv[2]
  if (!folder) throw new Error('usage: node lib/benchmarks/writeCosts.js <folder of an ingestion run> [database]')
  const database = process.argv[3] ?? 'b_0'
  const server = await startEmbeddedPostgres({ dataDir: path.join(folder, 'pg'), port: 21600 + (process.pid % 40) })
  const c = new pg.Client({ connectionString: server.url.replace(/\/[^/]*$/, `/${database}`) })
  await c.connect()
  const results: Record<string, unknown>[] = []
  try {
    const median = async (prepare: () => Promise<void>, run: () => Promise<unknown>) => {
      const ms: number[] = []
      for (let i = 0; i < 3; i++) {
        await prepare()
        const t = process.hrtime.bigint()
        await run()
        ms.push(Number(process.hrtime.bigint() - t) / 1e6)
      }
      return ms.sort((a, b) => a - b)[1]
    }
    for (const table of TABLES) {
      const rows = (await c.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number
      if (rows === 0) continue
      // the keys the tables had until the processor stopped keeping them (db/migrations)
      const fks = FOREIGN_KEYS.filter(([t]) => t === table).map(([, , definition]) => definition)
      const scratch = async (like: 'INCLUDING DEFAULTS' | 'INCLUDING ALL', withFks = false) => {
        await c.query('DROP TABLE IF EXISTS bench_scratch')
        await c.query(`CREATE TABLE bench_scratch (LIKE ${table} ${like})`)
        if (like === 'INCLUDING DEFAULTS') await c.query('ALTER TABLE bench_scratch ADD PRIMARY KEY (id)')
        if (withFks) for (const d of fks) await c.query(`ALTER TABLE bench_scratch ADD ${d}`)
      }
      const copy = () => c.query(`INSERT INTO bench_scratch SELECT * FROM ${table}`)
      const perRow = (ms: number) => Number(((ms * 1000) / rows).toFixed(1))
      const primaryKeyOnly = perRow(await median(() => scratch('INCLUDING DEFAULTS'), copy))
      const indexes = perRow(await median(() => scratch('INCLUDING ALL'), copy))
      const foreignKeys = perRow(await median(() => scratch('INCLUDING ALL', true), copy))
      // from Node, as src/mappings/shared/write.ts sends them: one text array per column
      const cols = (
        await c.query(
          `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
            WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
          [table],
        )
      ).rows as { name: string; type: string }[]
      const data = (await c.query(`SELECT * FROM ${table}`)).rows as Record<string, unknown>[]
      const params = cols.map((col) =>
        data.map((r) => {
          const v = r[col.name]
          return v == null || v instanceof Date ? v : String(v)
        }),
      )
      const unnest = `INSERT INTO bench_scratch (${cols.map((x) => `"${x.name}"`).join(', ')}) SELECT * FROM unnest(${cols
        .map((x, i) => `$${i + 1}::${x.type.replace(/\(.*\)$/, '')}[]`)
        .join(', ')})`
      const fromNode = perRow(
        await median(
          () => scratch('INCLUDING ALL'),
          () => c.query(unnest, params),
        ),
      )
      const upsert = perRow(
        await median(
          async () => {
            await scratch('INCLUDING ALL')
            await copy()
          },
          () =>
            c.query(`INSERT INTO bench_scratch SELECT * FROM ${table} ON CONFLICT (id) DO UPDATE SET id = EXCLUDED.id`),
        ),
      )
      const r = {
        table,
        rows,
        foreignKeys: fks.length,
        primaryKeyOnly,
        indexes,
        indexesAndForeignKeys: foreignKeys,
        fromNode,
        upsert,
      }
      console.log(JSON.stringify(r))
      results.push(r)
    }
    await c.query('DROP TABLE IF EXISTS bench_scratch')
  } finally {
    await c.end()
    await server.stop()
  }
  const file = writeResult('write-costs', {
    parameters: { source: path.basename(folder), database, unit: 'µs per row, median of three' },
    tables: results,
  })
  console.log(`written ${path.relative(PROJECT_ROOT, file)}`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
