import { type Address, type Hex, encodeAbiParameters, encodeEventTopics } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import { artifact } from '../../src/demo/artifacts'
import { networkConfigFor } from '../../src/demo/deploy'
import { emitRawLogs, type RawLog } from '../../src/demo/malformed'
import { Rng } from '../../src/demo/rng'
import { DAY, simulate, type SimResult } from '../../src/demo/simulate'
import type { TxBatch } from '../../src/demo/txbatch'
import { testChain } from '../helpers/chain'
import { freshDatabase, query } from '../helpers/db'
import { STRATEGIES, fuzzLogs, loadAbi } from '../helpers/fuzzLogs'
import { runProcessor, writeTempConfig } from '../helpers/processor'

/**
 * Hostile logs at every configured address, for every event topic of its role (and of a model
 * token the factory created): random bodies, wrong topic counts, boundary values, invalid UTF-8
 * and NUL in strings, dynamic fields claiming huge lengths, random valid encodings. Mixed into the
 * same block: valid usage reports that must be indexed. The processor must not crash (no exit, no
 * restart), and every fuzzed log must be either rejected with a reason or indexed with its evidence.
 */
let anvil: Anvil
let chain: TxBatch
let sim: SimResult

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  chain = t.chain
  sim = await simulate(t.chain, { seed: 31, size: 'small' })
})
afterAll(async () => {
  await anvil?.stop()
})

/** Every (block_number, log_index) that left a row in some table: the evidence of an indexed log. */
async function evidenceIn(url: string, block: number): Promise<Map<number, string[]>> {
  const tables = await query<{ t: string }>(
    url,
    `SELECT table_name AS t FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name IN ('block_number', 'log_index') AND table_name <> 'rejected_event'
      GROUP BY table_name HAVING count(*) = 2`,
  )
  const out = new Map<number, string[]>()
  for (const { t } of tables) {
    for (const r of await query(url, `SELECT DISTINCT log_index FROM "${t}" WHERE block_number = $1`, [block])) {
      out.set(r.log_index, [...(out.get(r.log_index) ?? []), t])
    }
  }
  return out
}

it('rejects every hostile log with a reason or indexes it, and indexes the good logs beside them, without a crash', async () => {
  const d = sim.deployment
  const targets: { address: Address; abi: ReturnType<typeof loadAbi> }[] = [
    { address: d.gpuRegistry, abi: loadAbi('gpuRegistry.json') },
    { address: d.computeLedger, abi: loadAbi('computeLedger.json') },
    { address: d.gpuVault, abi: loadAbi('gpuVault.json') },
    { address: d.modelTokenFactory, abi: loadAbi('modelTokenFactory.json') },
    { address: sim.tokens[0], abi: loadAbi('modelToken.json') },
    { address: d.inferenceRouter, abi: loadAbi('inferenceRouter.json') },
    { address: d.dataRegistry, abi: loadAbi('dataRegistry.json') },
    { address: d.provenanceRegistry, abi: loadAbi('provenanceRegistry.json') },
  ]
  const fuzz = fuzzLogs(new Rng(404), targets, 10)
  // Good logs: usage reports for registered GPUs in a new epoch, which must be indexed.
  const good: RawLog[] = sim.gpus.slice(0, 3).map((g, i) => ({
    name: `good usage ${i}`,
    address: d.computeLedger,
    ...usageReported(d.stablecoin, g.gpuId, 7000n + BigInt(i), sim.end),
  }))
  // good logs first, then the fuzz, interleaved would work too: each raw tx emits one log, so the
  // log index in the block is the position in this list
  const logs = [...good, ...fuzz]
  await emitRawLogs(chain, d, sim.end + DAY, logs)
  const block = Number(await chain.rpc<string>('eth_blockNumber', []))
  await chain.mine(sim.end + DAY + 60) // one block on top, so the fuzz block is final with finality 1

  const url = await freshDatabase('fuzz')
  const config = writeTempConfig({ ...networkConfigFor(d, anvil.url, 1), toBlock: block })
  const run = await runProcessor({ NETWORK_CONFIG: config, DATABASE_URL: url }, 60_000)
  const firstError = run.output
    .split('\n')
    .find((l) => /"level":5|^\s*at |Error:/.test(l) && !l.includes('rejected log'))
  expect({ code: run.code, restarted: run.output.includes('restarting it'), firstError }).toEqual({
    code: 0,
    restarted: false,
    firstError: undefined,
  })

  const rejected = new Map(
    (
      await query<{ log_index: number; reason: string }>(
        url,
        `SELECT log_index, reason FROM rejected_event WHERE block_number = $1`,
        [block],
      )
    ).map((r) => [r.log_index, r.reason]),
  )
  const evidence = await evidenceIn(url, block)
  const lost: string[] = []
  const both: string[] = []
  const tally = Object.fromEntries(STRATEGIES.map((s) => [s, { rejected: 0, indexed: 0 }]))
  fuzz.forEach((f, i) => {
    const logIndex = good.length + i
    const r = rejected.get(logIndex)
    const e = evidence.get(logIndex)
    if (r && e) both.push(`${f.name}: rejected (${r}) yet stored in ${e.join(', ')}`)
    else if (r) {
      expect(r.length).toBeGreaterThan(10)
      tally[f.strategy].rejected++
    } else if (e) tally[f.strategy].indexed++
    else lost.push(`${f.name} at ${f.address}: ${f.topics.join(',')} ${f.data.slice(0, 200)}`)
  })
  expect({ lost, both }).toEqual({ lost: [], both: [] })
  // the good logs beside them were indexed
  for (let i = 0; i < good.length; i++) expect(evidence.get(i)).toContain('usage_record')
  const records = await query(url, `SELECT id FROM usage_record WHERE epoch >= 7000 ORDER BY id`)
  expect(records.map((r) => r.id).sort()).toEqual(
    sim.gpus
      .slice(0, 3)
      .map((g, i) => `31337:${g.gpuId}-${7000 + i}`)
      .sort(),
  )
  // every strategy got a mix of outcomes recorded; the hostile ones are mostly rejected
  expect(fuzz.length).toBeGreaterThan(300)
  console.log(`fuzzed logs: ${fuzz.length}; by strategy: ${JSON.stringify(tally)}`)
})

function usageReported(asset: Address, gpuId: bigint, epoch: bigint, start: number): { topics: Hex[]; data: Hex } {
  const abi = artifact('ComputeLedger').abi
  const item = abi.find((a: any) => a.type === 'event' && a.name === 'UsageReported') as any
  const args: Record<string, unknown> = {
    gpuId,
    epoch,
    epochStart: BigInt(start),
    epochLength: 86400,
    availableSec: 80000,
    rentedSec: 40000,
    grossRevenue: 1_000_000n,
    asset,
  }
  const topics = encodeEventTopics({ abi, eventName: 'UsageReported', args } as any) as Hex[]
  const body = item.inputs.filter((i: any) => !i.indexed)
  return {
    topics,
    data: encodeAbiParameters(
      body,
      body.map((i: any) => args[i.name]),
    ),
  }
}
