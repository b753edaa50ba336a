import { networkConfigFor } from '../../src/demo/deploy'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { TxBatch } from '../../src/demo/txbatch'
import { testChain } from './chain'
import { waitIndexed } from './checksum'
import { freshDatabase } from './db'
import { runProcessor, startProcessor, writeTempConfig } from './processor'

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

/**
 * The small demo economy of `seed` on a fresh anvil, with the built processor following the chain
 * into a fresh database `name` (every block it indexes stays hot, so a reorg rolls indexed blocks
 * back), indexed to the economy's head; and a fresh transaction batch to mine more blocks.
 */
export async function followedDemo(seed: number, name: string) {
  const t = await testChain()
  const sim: SimResult = await simulate(t.chain, { seed, size: 'small' })
  const db = await freshDatabase(name)
  const proc = startProcessor({
    NETWORK_CONFIG: writeTempConfig(networkConfigFor(sim.deployment, t.anvil.url, 30)),
    DATABASE_URL: db,
  })
  await waitIndexed(db, sim.headBlock, 90_000)
  const chain = new TxBatch(t.anvil.url)
  await chain.init()
  return { anvil: t.anvil, accounts: t.accounts, sim, db, proc, chain }
}
