import { networkConfigFor } from '../../src/demo/deploy'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { testChain } from './chain'
import { freshDatabase } from './db'
import { runProcessor, writeTempConfig } from './processor'

/**
 * The small demo economy of `seed` on a fresh anvil, indexed to its head into a fresh database
 * `name` by the built processor: what most tests of the API start from.
 */
export async function indexedDemo(seed: number, name: string) {
  const t = await testChain()
  const sim: SimResult = await simulate(t.chain, { seed, size: 'small' })
  const db = await freshDatabase(name)
  /** runs the processor on this database until it has indexed `toBlock` (after more blocks were mined) */
  const indexTo = async (toBlock: number) => {
    const r = await runProcessor({
      NETWORK_CONFIG: writeTempConfig({ ...networkConfigFor(sim.deployment, t.anvil.url), toBlock }),
      DATABASE_URL: db,
    })
    if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
  }
  await indexTo(sim.headBlock)
  return { ...t, sim, db, indexTo }
}
