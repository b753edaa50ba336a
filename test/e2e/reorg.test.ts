import type { Address } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { DAY, simulate, TOKEN, USD, type SimResult } from '../../src/demo/simulate'
import { TxBatch } from '../../src/demo/txbatch'
import { latestBlock, testChain } from '../helpers/chain'
import { tableChecksums, waitIndexed } from '../helpers/checksum'
import { freshDatabase, query } from '../helpers/db'
import { runProcessor, startProcessor, writeTempConfig } from '../helpers/processor'

/**
 * A reorg during live indexing: fork A (a model token's creation and a transfer of it, a usage report
 * and its correction, a derivation edge, a vault deposit, an inference call) is indexed as hot blocks,
 * then replaced by a longer fork B with other activity. The indexed state must equal a clean index of
 * the final chain, table by table, rollups included.
 */
let anvil: Anvil
let sim: SimResult
let accounts: Address[]

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  accounts = t.accounts
  sim = await simulate(t.chain, { seed: 5, size: 'small' })
})
afterAll(async () => {
  await anvil?.stop()
})

it('ends, after a reorg of hot blocks, in exactly the state of a clean index of the new chain', async () => {
  const d = sim.deployment
  const [operator1, operator2] = [accounts[2], accounts[3]]
  const investor = accounts[5]
  const creator = accounts[13]
  const curator = accounts[38] // owns the code dataset
  const t0 = sim.end + 3600
  const epoch = 10n
  const epochStart = BigInt(sim.start + 10 * DAY)
  const finality = 30 // every fork block stays hot

  let forkToken = '' as Address
  const live = await freshDatabase('reorg_live')
  const config = writeTempConfig({ ...networkConfigFor(d, anvil.url), finalityConfirmation: finality })
  const proc = startProcessor({ NETWORK_CONFIG: config, DATABASE_URL: live })
  try {
    const base = new TxBatch(anvil.url)
    await base.init()
    await waitIndexed(live, sim.headBlock)
    const snapshot = await base.rpc<string>('evm_snapshot', [])

    // Fork A, block by block while the processor follows the head.
    await base.call(creator, d.modelTokenFactory, 'ModelTokenFactory', 'createModel', [
      { name: 'Fork-A 1B', symbol: 'FKA', totalSupply: 1_000n * TOKEN, claimableBps: 5000, revenueAsset: d.stablecoin },
      {
        tokensForSale: 500n * TOKEN,
        target: 1_000n * USD,
        raiseAsset: d.stablecoin,
        startTime: BigInt(t0),
        endTime: BigInt(t0 + DAY),
      },
    ])
    await base.call(investor, d.gpuVault, 'GpuVault', 'deposit', [1_000n * USD, investor])
    await base.call(operator1, d.computeLedger, 'ComputeLedger', 'reportUsage', [
      1n,
      epoch,
      epochStart,
      DAY,
      DAY,
      40_000,
      20n * USD,
      d.stablecoin,
    ])
    await base.mine(t0)
    await waitIndexed(live, (await latestBlock(base)).number)
    forkToken = (
      await base.read<string>(d.modelTokenFactory, 'ModelTokenFactory', 'tokenOf', [4n])
    ).toLowerCase() as Address
    await base.call(operator1, d.computeLedger, 'ComputeLedger', 'reportUsage', [
      1n,
      epoch,
      epochStart,
      DAY,
      DAY,
      30_000,
      15n * USD,
      d.stablecoin,
    ])
    await base.call(curator, d.dataRegistry, 'DataRegistry', 'derive', [sim.ids.codeV1, sim.ids.webV1, 2, 1000])
    await base.call(accounts[16], d.inferenceRouter, 'InferenceRouter', 'request', [1n, 1_500_000n])
    await base.mine(t0 + 60)
    await base.call(creator, forkToken, 'ModelToken', 'transfer', [accounts[20], 10n * TOKEN])
    await base.mine(t0 + 120)
    const a = await latestBlock(base)
    await waitIndexed(live, a.number)
    // Fork A is indexed: its token, its correction and its edge are there.
    expect(
      (await query(live, `SELECT count(*)::int AS n FROM model_token WHERE id = $1`, [`31337:${forkToken}`]))[0].n,
    ).toBe(1)
    expect((await query(live, `SELECT reports FROM usage_record WHERE id = '31337:1-10'`))[0].reports).toBe(2)
    expect((await query(live, `SELECT count(*)::int AS n FROM dataset_derivation`))[0].n).toBe(4)

    // Fork B replaces it from the snapshot on, one block longer.
    await base.rpc('evm_revert', [snapshot])
    const forkB = new TxBatch(anvil.url)
    await forkB.init()
    await forkB.call(accounts[6], d.gpuVault, 'GpuVault', 'deposit', [2_500n * USD, accounts[6]])
    await forkB.call(operator1, d.computeLedger, 'ComputeLedger', 'reportUsage', [
      1n,
      epoch,
      epochStart,
      DAY,
      DAY,
      50_000,
      25n * USD,
      d.stablecoin,
    ])
    await forkB.mine(t0 + 5)
    await forkB.call(accounts[17], d.inferenceRouter, 'InferenceRouter', 'request', [3n, 700_000n])
    await forkB.mine(t0 + 65)
    await forkB.call(operator2, d.computeLedger, 'ComputeLedger', 'reportUsage', [
      2n,
      epoch,
      epochStart,
      DAY,
      DAY,
      60_000,
      30n * USD,
      d.stablecoin,
    ])
    await forkB.mine(t0 + 125)
    await forkB.mine(t0 + 185)
    const b = await latestBlock(forkB)
    expect(b.number).toBeGreaterThan(a.number)
    await waitIndexed(live, b.number)
  } finally {
    proc.kill('SIGTERM')
    await proc.exited
  }
  expect(proc.output()).toMatch(/navigating a fork/) // the SDK saw the reorg and rolled back
  // the live processor followed fork A's token by a restart (docs/processor.md, "Following new addresses")
  const follows = proc
    .output()
    .split('\n')
    .filter((l) => l.includes('following new addresses'))
  expect(follows.some((l) => l.includes(forkToken))).toBe(true)

  const clean = await freshDatabase('reorg_clean')
  const r = await runProcessor({
    NETWORK_CONFIG: writeTempConfig({
      ...networkConfigFor(d, anvil.url),
      finalityConfirmation: finality,
      toBlock: (await latestBlock(new TxBatch(anvil.url))).number,
    }),
    DATABASE_URL: clean,
  })
  expect(r.code).toBe(0)
  const [got, want] = [await tableChecksums(live), await tableChecksums(clean)]
  expect(got).toEqual(want)
  // and fork A left nothing behind: its token is forgotten, with its holders
  expect((await query(live, `SELECT count(*)::int AS n FROM model_token WHERE factory IS NOT NULL`))[0].n).toBe(3)
  expect(
    (await query(live, `SELECT count(*)::int AS n FROM model_token WHERE id = $1`, [`31337:${forkToken}`]))[0].n,
  ).toBe(0)
  expect(
    (await query(live, `SELECT count(*)::int AS n FROM holder WHERE token_id = $1`, [`31337:${forkToken}`]))[0].n,
  ).toBe(0)
  expect((await query(live, `SELECT reports, rented_sec FROM usage_record WHERE id = '31337:1-10'`))[0]).toEqual({
    reports: 1,
    rented_sec: 50_000,
  })
  expect((await query(live, `SELECT count(*)::int AS n FROM dataset_derivation`))[0].n).toBe(3)
})
