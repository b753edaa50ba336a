import type { Address } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { DAY, simulate, USD, type SimResult } from '../../src/demo/simulate'
import { TxBatch } from '../../src/demo/txbatch'
import { latestBlock, testChain } from '../helpers/chain'
import { tableChecksums, waitIndexed } from '../helpers/checksum'
import { freshDatabase } from '../helpers/db'
import { runProcessor, startProcessor, writeTempConfig } from '../helpers/processor'

/**
 * Reorgs of every depth from 1 to the finality window, one after the other, while the processor
 * follows the head. Each round indexes a fork A of `depth` blocks (vault deposits, inference
 * requests, usage reports), then replaces it with a fork B one block longer with other activity.
 * The end state must equal a clean index of the final chain, table by table.
 */
const FINALITY = 5
let anvil: Anvil
let sim: SimResult
let accounts: Address[]

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  accounts = t.accounts
  sim = await simulate(t.chain, { seed: 9, size: 'small' })
})
afterAll(async () => {
  await anvil?.stop()
})

it(`ends, after reorgs of depth 1 to ${FINALITY}, in exactly the state of a clean index of the final chain`, async () => {
  const d = sim.deployment
  const [operator1, investor, caller] = [accounts[2], accounts[5], accounts[16]]
  const live = await freshDatabase('reorg_depths_live')
  const config = writeTempConfig({ ...networkConfigFor(d, anvil.url), finalityConfirmation: FINALITY })
  const proc = startProcessor({ NETWORK_CONFIG: config, DATABASE_URL: live })
  let usageEpoch = 200n
  const epochStart = BigInt(sim.start + 20 * DAY)
  const reorgs: { depth: number; replacedFrom: number; newHead: number }[] = []
  try {
    await waitIndexed(live, sim.headBlock)
    for (let depth = 1; depth <= FINALITY; depth++) {
      const base = new TxBatch(anvil.url)
      await base.init()
      const start = await latestBlock(base)
      const snapshot = await base.rpc<string>('evm_snapshot', [])
      // fork A: `depth` blocks
      for (let j = 0; j < depth; j++) {
        await base.call(investor, d.gpuVault, 'GpuVault', 'deposit', [BigInt(10 + depth * 10 + j) * USD, investor])
        await base.call(caller, d.inferenceRouter, 'InferenceRouter', 'request', [1n, 1_000_000n + BigInt(j)])
        await base.mine(start.timestamp + 60 * (j + 1))
      }
      await waitIndexed(live, start.number + depth)
      // fork B from the same parent: other activity, one block longer
      await base.rpc('evm_revert', [snapshot])
      const fork = new TxBatch(anvil.url)
      await fork.init()
      for (let j = 0; j <= depth; j++) {
        usageEpoch++
        await fork.call(operator1, d.computeLedger, 'ComputeLedger', 'reportUsage', [
          1n,
          usageEpoch,
          epochStart,
          DAY,
          DAY,
          30_000 + j,
          10n * USD,
          d.stablecoin,
        ])
        await fork.call(investor, d.gpuVault, 'GpuVault', 'deposit', [BigInt(7 + j) * USD, investor])
        await fork.mine(start.timestamp + 61 * (j + 1))
      }
      const b = await latestBlock(fork)
      expect(b.number).toBe(start.number + depth + 1)
      await waitIndexed(live, b.number)
      reorgs.push({ depth, replacedFrom: start.number + 1, newHead: b.number })
    }
  } finally {
    proc.kill('SIGTERM')
    await proc.exited
  }
  const finalHead = reorgs[reorgs.length - 1].newHead
  const clean = await freshDatabase('reorg_depths_clean')
  const cleanConfig = writeTempConfig({
    ...networkConfigFor(d, anvil.url),
    finalityConfirmation: FINALITY,
    toBlock: finalHead,
  })
  expect((await runProcessor({ NETWORK_CONFIG: cleanConfig, DATABASE_URL: clean })).code).toBe(0)
  const [got, want] = [await tableChecksums(live), await tableChecksums(clean)]
  expect(Object.keys(want).length).toBeGreaterThan(40)
  expect(got).toEqual(want)
  console.log(`reorgs: ${JSON.stringify(reorgs)}`)
})
