import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { testChain } from '../helpers/chain'
import { tableChecksums } from '../helpers/checksum'
import { freshDatabase, query } from '../helpers/db'
import { runProcessor, startProcessor, writeTempConfig } from '../helpers/processor'

/**
 * A full disk under a syncing processor. The database lives in a tablespace on a small tmpfs, which
 * a filler file leaves almost no room on: Postgres fails the processor's writes with "No space left
 * on device", the batch rolls back, and the supervisor restarts the worker. Once the filler is
 * removed the processor must finish and end in exactly the state of a run that had room.
 *
 * Mounting a tmpfs needs root and a local Postgres (the embedded one the tests start), as on our CI
 * machines. Elsewhere the test says so and checks nothing: the condition is the issue's own ("if
 * feasible"), and RELIABILITY.md records where it ran.
 */
let anvil: Anvil
let sim: SimResult
const mountDir = path.join(os.tmpdir(), `deai-small-disk-${process.pid}`)
let mounted = false

function feasible(): string | null {
  if (process.getuid?.() !== 0) return 'needs root to mount a tmpfs'
  const host = new URL(process.env.TEST_DATABASE_URL ?? 'postgresql://x@remote/x').hostname
  if (host !== '127.0.0.1' && host !== 'localhost') return 'needs the local embedded Postgres'
  return null
}

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  sim = await simulate(t.chain, { seed: 12, size: 'medium' })
})
afterAll(async () => {
  const admin = process.env.TEST_DATABASE_URL!
  await query(admin, `DROP DATABASE IF EXISTS disk_full WITH (FORCE)`).catch(() => {})
  await query(admin, `DROP TABLESPACE IF EXISTS deai_small`).catch(() => {})
  if (mounted) execFileSync('umount', [mountDir])
  fs.rmSync(mountDir, { recursive: true, force: true })
  await anvil?.stop()
})

it('finishes after the disk filled up mid-sync and was freed, in the state of a run that had room', async () => {
  const why = feasible()
  if (why) {
    console.log(`disk-full test not run here: ${why}`)
    return
  }
  const admin = process.env.TEST_DATABASE_URL!
  fs.mkdirSync(mountDir, { recursive: true })
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mountDir])
  mounted = true
  const space = path.join(mountDir, 'pg')
  fs.mkdirSync(space)
  execFileSync('chown', ['postgres:postgres', space])
  await query(admin, `CREATE TABLESPACE deai_small LOCATION '${space}'`)
  await query(admin, `CREATE DATABASE disk_full TABLESPACE deai_small`)
  const url = admin.replace(/\/[^/]*$/, '/disk_full')
  // leave about 1 MiB free: enough for the migrations, not for the medium economy
  const { bavail, bsize } = fs.statfsSync(mountDir)
  const filler = path.join(mountDir, 'filler')
  fs.writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - 1024 * 1024)))

  const config = writeTempConfig({ ...networkConfigFor(sim.deployment, anvil.url), toBlock: sim.headBlock })
  const p = startProcessor({ NETWORK_CONFIG: config, DATABASE_URL: url })
  let exited = false
  void p.exited.then(() => (exited = true))
  const until = Date.now() + 60_000
  while (!exited && !p.output().includes('restarting it') && Date.now() < until)
    await new Promise((r) => setTimeout(r, 100))
  const fullOutput = p.output()
  fs.rmSync(filler) // the operator frees space
  const timer = setTimeout(() => p.kill('SIGKILL'), 120_000)
  const code = await p.exited
  clearTimeout(timer)
  expect(fullOutput).toMatch(/No space left on device|could not extend file/)
  const restarts = p
    .output()
    .split('\n')
    .filter((l) => l.includes('processor stopped; restarting it')).length
  expect({ code, restarted: restarts >= 1 }).toEqual({ code: 0, restarted: true })

  const clean = await freshDatabase('disk_full_clean')
  expect((await runProcessor({ NETWORK_CONFIG: config, DATABASE_URL: clean })).code).toBe(0)
  const [got, want] = [await tableChecksums(url), await tableChecksums(clean)]
  expect(Object.keys(want).length).toBeGreaterThan(40)
  expect(got).toEqual(want)
  console.log(`disk full: ${restarts} processor restarts before space was freed; state equal to a clean run`)
})
