// `npm run migration:generate`: diffs src/model (built into lib/) against the existing migrations on a
// throw-away embedded Postgres and writes the next db/migrations/<timestamp>-Data.js.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const { startEmbeddedPostgres } = require(path.join(root, 'lib/postgres/embedded.js'))
const { applyMigrations } = require(path.join(root, 'lib/postgres/migrate.js'))

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-migrate-'))
fs.chmodSync(tmp, 0o755)
const db = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: 5499 })
try {
  await applyMigrations(db.url)
  execFileSync(path.join(root, 'node_modules/.bin/squid-typeorm-migration'), ['generate'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DB_URL: db.url },
  })
} finally {
  await db.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
}
