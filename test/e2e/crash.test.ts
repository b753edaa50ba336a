import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { Rng } from '../../src/demo/rng'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { testChain } from '../helpers/chain'
import { tableChecksums } from '../helpers/checksum'
import { freshDatabase, query } from '../helpers/db'
import { runProcessor, startProcessor, writeTempConfig } from '../helpers/processor'

/**
 * SIGKILL mid-sync, again and again: each run is killed at a random moment after it has committed
 * something new; the last run finishes. The result must equal an uninterrupted run, table by table.
 * A high finalityConfirmation keeps most blocks hot, so kills also land between hot-block commits.
 */
let anvil: Anvil
let sim: SimResult

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  sim = await simulate(t.chain, { seed: 3, size: 'medium' })
})
afterAll(async () => {
  await anvil?.stop()
})

const indexedHeight = async (url: string): Promise<number> =>
  (await query(url, `SELECT indexed_height FROM indexer_state`).catch(() => []))[0]?.indexed_height ?? -1

it('ends in the state of an uninterrupted run after being killed mid-sync several times', async () => {
  const config = writeTempConfig({
    ...networkConfigFor(sim.deployment, anvil.url),
    finalityConfirmation: 150,
    toBlock: sim.headBlock,
  })
  const killed = await freshDatabase('crash_killed')
  const rng = new Rng(99)
  const killedAt: number[] = []
  for (let round = 0; round < 6; round++) {
    const before = await indexedHeight(killed)
    const p = startProcessor({ NETWORK_CONFIG: config, DATABASE_URL: killed })
    let exited = false
    void p.exited.then(() => (exited = true))
    while (!exited && (await indexedHeight(killed)) <= before) await new Promise((r) => setTimeout(r, 10))
    if (exited) break // finished before we could kill it
    await new Promise((r) => setTimeout(r, rng.int(0, 150)))
    p.kill('SIGKILL')
    await p.exited
    killedAt.push(await indexedHeight(killed))
  }
  // At least three kills landed mid-sync (something committed, the head not yet reached).
  expect(killedAt.filter((h) => h > 0 && h < sim.headBlock).length).toBeGreaterThanOrEqual(3)
  const last = await runProcessor({ NETWORK_CONFIG: config, DATABASE_URL: killed })
  expect(last.code).toBe(0)

  const clean = await freshDatabase('crash_clean')
  expect((await runProcessor({ NETWORK_CONFIG: config, DATABASE_URL: clean })).code).toBe(0)
  const [got, want] = [await tableChecksums(killed), await tableChecksums(clean)]
  expect(Object.keys(want).length).toBeGreaterThan(40)
  expect(got).toEqual(want)
})
