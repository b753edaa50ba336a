import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { Rng } from '../../src/demo/rng'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { testChain } from '../helpers/chain'
import { tableChecksums } from '../helpers/checksum'
import { query } from '../helpers/db'
import { freePort } from '../helpers/ports'
import { startPgServer } from '../helpers/pgServer'
import { runProcessor, startProcessor, writeTempConfig } from '../helpers/processor'

/**
 * Postgres stopped and started again under a syncing processor, several times. The processor's
 * supervisor restarts it each time the database goes away; it must finish and end in exactly the
 * state of an undisturbed run. This suite runs its own Postgres, since it stops it.
 */
let anvil: Anvil
let sim: SimResult
let pg: Awaited<ReturnType<typeof startPgServer>>
let dataDir: string
let port: number

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  sim = await simulate(t.chain, { seed: 8, size: 'medium' })
  dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deai-pgrestart-')), 'pg')
  fs.chmodSync(path.dirname(dataDir), 0o755)
  port = await freePort()
  pg = await startPgServer(dataDir, port)
})
afterAll(async () => {
  await pg?.stop()
  await anvil?.stop()
  if (dataDir) fs.rmSync(path.dirname(dataDir), { recursive: true, force: true })
})

const dbUrl = (name: string) => pg.url.replace(/\/postgres$/, `/${name}`)
const indexedHeight = async (url: string): Promise<number> =>
  (await query(url, `SELECT indexed_height FROM indexer_state`).catch(() => []))[0]?.indexed_height ?? -1

it('finishes through Postgres restarts and ends in the state of an undisturbed run', async () => {
  const config = writeTempConfig({
    ...networkConfigFor(sim.deployment, anvil.url),
    finalityConfirmation: 150, // most blocks hot: one batch per block, so restarts land mid-sync
    toBlock: sim.headBlock,
  })
  await query(pg.url, `CREATE DATABASE restarted`)
  await query(pg.url, `CREATE DATABASE clean`)
  const url = dbUrl('restarted')
  const rng = new Rng(17)
  const p = startProcessor({ NETWORK_CONFIG: config, DATABASE_URL: url })
  let exited = false
  void p.exited.then(() => (exited = true))
  const stoppedAt: number[] = []
  for (let round = 0; round < 3 && !exited; round++) {
    const before = await indexedHeight(url)
    while (!exited && (await indexedHeight(url)) <= before) await new Promise((r) => setTimeout(r, 20))
    if (exited) break
    await pg.stop()
    stoppedAt.push(before)
    await new Promise((r) => setTimeout(r, rng.int(200, 1500)))
    pg = await startPgServer(dataDir, port)
  }
  const timer = setTimeout(() => p.kill('SIGKILL'), 120_000)
  const code = await p.exited
  clearTimeout(timer)
  const restarts = p
    .output()
    .split('\n')
    .filter((l) => l.includes('processor stopped; restarting it')).length
  expect({ code, restartsAtLeast2: restarts >= 2 }).toEqual({ code: 0, restartsAtLeast2: true })
  // At least two stops landed mid-sync (something indexed, the head not yet reached).
  expect(stoppedAt.filter((h) => h >= 0 && h < sim.headBlock).length).toBeGreaterThanOrEqual(2)

  expect((await runProcessor({ NETWORK_CONFIG: config, DATABASE_URL: dbUrl('clean') })).code).toBe(0)
  const [got, want] = [await tableChecksums(url), await tableChecksums(dbUrl('clean'))]
  expect(Object.keys(want).length).toBeGreaterThan(40)
  expect(got).toEqual(want)
  console.log(`postgres restarts: ${stoppedAt.length}, processor restarts: ${restarts}`)
})
