import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { query } from '../helpers/db'
import { freePort } from '../helpers/ports'
import { startPgServer } from '../helpers/pgServer'

/**
 * As root, the embedded Postgres runs as user "postgres". A data folder inside a folder of mode 700
 * (a clone under /root) is closed to that user: the cluster must then start all the same, in a
 * folder it can reach, and leave the closed folder's mode alone. (Elsewhere there is nothing to
 * relocate: the test says so and checks the folder is used as given.)
 */
it('starts the embedded Postgres for a data folder the postgres user cannot enter', async () => {
  const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-closed-'))
  fs.chmodSync(closed, 0o700)
  const dataDir = path.join(closed, 'pg')
  const pg = await startPgServer(dataDir, await freePort())
  let relocated: string | undefined
  try {
    const [row] = await query(pg.url, `SELECT current_setting('data_directory') AS dir, 1 + 1 AS two`)
    expect(row.two).toBe(2)
    if (process.getuid?.() === 0) {
      expect(row.dir).toMatch(/\/deai-squid\/data-[0-9a-f]{12}\/pg$/)
      expect(fs.existsSync(dataDir)).toBe(false)
      relocated = path.dirname(row.dir)
    } else {
      console.log('not root: Postgres runs as this user, who can enter the folder; nothing to relocate')
      expect(row.dir).toBe(dataDir)
    }
    expect(fs.statSync(closed).mode & 0o777).toBe(0o700)
  } finally {
    await pg.stop()
    for (const dir of [closed, relocated]) if (dir) fs.rmSync(dir, { recursive: true, force: true })
  }
})
