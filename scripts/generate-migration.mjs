// `npm run migration:generate`: diffs src/model (built into lib/) against the existing migrations on a
// throw-away embedded Postgres and writes the next db/migrations/<timestamp>-Data.js.
// The tables keep no foreign-key constraints (db/migrations/1796148700000-UncheckedReferences.js says
// why), so the statements typeorm writes to add or drop one are taken out of the new file.
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
const dir = path.join(root, 'db', 'migrations')
const before = new Set(fs.readdirSync(dir))
try {
  await applyMigrations(db.url)
  execFileSync(path.join(root, 'node_modules/.bin/squid-typeorm-migration'), ['generate'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DB_URL: db.url },
  })
  for (const name of fs.readdirSync(dir).filter((f) => !before.has(f))) {
    const file = path.join(dir, name)
    const lines = fs.readFileSync(file, 'utf8').split('\n')
    const kept = lines.filter((l) => !/FOREIGN KEY|DROP CONSTRAINT "FK_/.test(l))
    if (!kept.some((l) => l.includes('db.query('))) {
      fs.rmSync(file)
      console.log(`${name}: only foreign keys, which the tables do not keep; nothing to migrate`)
    } else if (kept.length !== lines.length) {
      fs.writeFileSync(file, kept.join('\n'))
      console.log(`${name}: ${lines.length - kept.length} foreign-key statements left out`)
    }
  }
} finally {
  await db.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
}
