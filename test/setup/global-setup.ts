import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmbeddedPostgres } from '../../src/postgres/embedded'
import { freePort } from '../helpers/ports'

/**
 * One real Postgres for the whole run: TEST_DATABASE_URL if given, else an embedded server in a
 * temporary folder. Each test file creates its own database on it.
 */
export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) return
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-squid-test-'))
  fs.chmodSync(dir, 0o755)
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() })
  process.env.TEST_DATABASE_URL = db.url
  ;(globalThis as any).__TEST_DB__ = { db, dir }
}
