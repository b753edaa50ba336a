import path from 'node:path'
import pg from 'pg'
import { DataSource } from 'typeorm'
import { SnakeNamingStrategy } from '@subsquid/typeorm-config/lib/namingStrategy'
import { PROJECT_ROOT } from '../config/env'
import { ConfigError } from '../config/errors'
import { READER_ROLE } from './roles'

/**
 * Key of the Postgres advisory lock held while migrations are applied: processors of several
 * chains share one database and may start together, and only the first applies what is pending.
 */
const MIGRATION_LOCK = 7_355_608_001

/** Applies the pending migrations of db/migrations in one transaction, one process at a time. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: [path.join(PROJECT_ROOT, 'db', 'migrations', '*.js')],
    migrationsTransactionMode: 'all',
  })
  await ds.initialize()
  const lock = ds.createQueryRunner()
  try {
    // session-level: held on this connection while the migrations run on another of the pool
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    const applied = await ds.runMigrations({ transaction: 'all' }).catch((e: unknown) => {
      // a database of the single-chain version (db/migrations/1796176000000-ManyChains.js): not
      // something a restart can fix, so it stops the processor like a bad configuration
      const message = e instanceof Error ? e.message : String(e)
      if (message.startsWith('reindex required')) throw new ConfigError('DATABASE_URL', message)
      throw e
    })
    return applied.map((m) => m.name)
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
    await lock.release()
    await ds.destroy()
  }
}

/**
 * A chain's progress schema (typeorm-store's `stateSchema`, created by its processor, not by a
 * migration: there is one per chain), readable by the API's reader role like the rest
 * (db/migrations/1795650000000-ReadOnlyRole.js). Created here first so the grants hold for the
 * tables the store creates in it.
 */
export async function prepareStateSchema(databaseUrl: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    const id = pg.escapeIdentifier(schema)
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${id}`)
    const { rows } = await c.query(`SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1) AS ok`, [READER_ROLE])
    if (!rows[0].ok) return
    await c.query(`GRANT USAGE ON SCHEMA ${id} TO ${READER_ROLE}`)
    await c.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${id} TO ${READER_ROLE}`)
    await c.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${id} GRANT SELECT ON TABLES TO ${READER_ROLE}`)
  } finally {
    await c.end()
  }
}
