import path from 'node:path'
import { DataSource } from 'typeorm'
import { SnakeNamingStrategy } from '@subsquid/typeorm-config/lib/namingStrategy'
import { PROJECT_ROOT } from '../config/env'
import { ConfigError } from '../config/errors'

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
