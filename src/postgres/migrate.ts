import path from 'node:path'
import { DataSource } from 'typeorm'
import { SnakeNamingStrategy } from '@subsquid/typeorm-config/lib/namingStrategy'
import { PROJECT_ROOT } from '../config/env'

/** Applies the pending migrations of db/migrations in one transaction. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: [path.join(PROJECT_ROOT, 'db', 'migrations', '*.js')],
    migrationsTransactionMode: 'all',
  })
  await ds.initialize()
  try {
    const applied = await ds.runMigrations({ transaction: 'all' })
    return applied.map((m) => m.name)
  } finally {
    await ds.destroy()
  }
}
