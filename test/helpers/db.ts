import pg from 'pg'

/** A fresh database on the test Postgres, named after the test file. */
export async function freshDatabase(name: string): Promise<string> {
  const base = process.env.TEST_DATABASE_URL
  if (!base) throw new Error('TEST_DATABASE_URL is not set (jest globalSetup sets it)')
  const db = `t_${name.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(db)} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(db)}`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${db}`
  return url.toString()
}

export async function query<T = any>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query(sql, params)).rows
  } finally {
    await c.end()
  }
}
