import type { Address } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { DAY, simulate, USD, type SimGpu, type SimResult } from '../../src/demo/simulate'
import { TxBatch } from '../../src/demo/txbatch'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { latestBlock, testChain } from '../helpers/chain'
import { tableChecksums, waitIndexed } from '../helpers/checksum'
import { freshDatabase, query } from '../helpers/db'
import { runProcessor, startProcessor, writeTempConfig, type RunningProcessor } from '../helpers/processor'

/**
 * Two chains indexed live into one Postgres, each by its own processor command (as squid.yaml runs
 * them): chain A reorganizes while chain B advances, then chain B's processor is killed while chain A
 * keeps indexing. Each chain's index must follow only its own chain, /health must name the stopped
 * chain as stalled, and the end state must equal clean indexes of both final chains.
 */
const A = 31337
const B = 31338
const FINALITY = 30 // every block of the test stays hot, so the reorg rolls back indexed state

interface Side {
  id: number
  anvil: Anvil
  accounts: Address[]
  sim: SimResult
  file: string
  chain: TxBatch
  /** the chain's own time after the plan, advanced by each block mined here */
  t: number
}
let sides: Side[] = []
let api: ApiServer | undefined
const running: RunningProcessor[] = []

beforeAll(async () => {
  sides = []
  for (const [id, seed] of [
    [A, 21],
    [B, 22],
  ]) {
    const t = await testChain(id)
    const sim = await simulate(t.chain, { seed, size: 'small' })
    const side = { id, anvil: t.anvil, accounts: t.accounts, sim, file: '', chain: t.chain, t: sim.end }
    side.file = writeTempConfig(networkOf(side))
    sides.push(side)
  }
}, 300_000)
afterAll(async () => {
  for (const p of running) p.kill('SIGKILL')
  await api?.close()
  for (const s of sides) await s.anvil.stop()
})

/** The side's network file: chain B's runs cite chain A's GPUs; `toBlock` for a clean index. */
const networkOf = (s: Side, toBlock?: number) => ({
  ...networkConfigFor(s.sim.deployment, s.anvil.url, FINALITY, {
    chainId: s.id,
    name: s.id === A ? 'compute' : 'models',
    ...(s.id === B ? { resolve: { gpusOnChain: A, datasetsOnChain: B } } : {}),
  }),
  ...(toBlock != null ? { toBlock } : {}),
})

/** A GPU of the plan that is never retired nor transferred, so its operator and owner are the plan's. */
const steadyGpu = (sim: SimResult, nth = 0): SimGpu =>
  sim.gpus.filter((g) => g.retiredDay == null && !sim.transfers.some((t) => t.gpuId === g.gpuId))[nth]

/** An epoch the plan never reported (the plan's days are fewer), reported for `gpu` on the side's chain. */
async function report(s: Side, gpu: SimGpu, epoch: number, rentedSec: number, gross: bigint) {
  const d = s.sim.deployment
  await s.chain.call(gpu.operator, d.computeLedger, 'ComputeLedger', 'reportUsage', [
    gpu.gpuId,
    BigInt(epoch),
    BigInt(s.sim.start + epoch * DAY),
    DAY,
    DAY,
    rentedSec,
    gross,
    d.stablecoin,
  ])
}

async function mine(s: Side): Promise<number> {
  s.t += 60
  await s.chain.mine(s.t)
  return (await latestBlock(s.chain)).number
}

async function health(): Promise<{ status: number; body: any }> {
  const r = await fetch(`${api!.url}/health`)
  return { status: r.status, body: await r.json() }
}

const chainOf = (body: any, id: number) => body.chains.find((c: any) => c.chainId === id)

async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
  everyMs = 250,
): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

it('keeps each chain to its own blocks through a reorg on one and a kill of the other, and ends as clean indexes do', async () => {
  const [a, b] = sides
  const live = await freshDatabase('chains_live')
  const start = (s: Side) => {
    const p = startProcessor({ NETWORK_CONFIG: s.file, DATABASE_URL: live })
    running.push(p)
    return p
  }
  const procA = start(a)
  let procB = start(b)
  api = await startApiServer({ databaseUrl: live, port: 0 })
  await waitIndexed(live, a.sim.headBlock, 90_000, A)
  await waitIndexed(live, b.sim.headBlock, 90_000, B)

  // 1. Chain A forks while chain B advances.
  const gpuA = steadyGpu(a.sim)
  const gpuB = steadyGpu(b.sim)
  const snapshot = await a.chain.rpc<string>('evm_snapshot', [])
  const tFork = a.t
  await report(a, gpuA, 10, 40_000, 20n * USD)
  const a1 = await mine(a)
  await report(b, gpuB, 10, 70_000, 35n * USD)
  const b1 = await mine(b)
  const transferred = steadyGpu(a.sim, 1)
  await a.chain.call(transferred.owner, a.sim.deployment.gpuRegistry, 'GpuRegistry', 'transferFrom', [
    transferred.owner,
    a.accounts[30],
    transferred.gpuId,
  ])
  const a2 = await mine(a)
  await waitIndexed(live, a2, 60_000, A)
  await waitIndexed(live, b1, 60_000, B)
  expect(a1).toBeLessThan(a2)
  const [forkA] = await query(live, `SELECT rented_sec FROM usage_record WHERE id = $1`, [`${A}:${gpuA.gpuId}-10`])
  expect(forkA).toEqual({ rented_sec: 40_000 })
  const ownerOf = async () =>
    (await query(live, `SELECT owner_id FROM gpu WHERE id = $1`, [`${A}:${transferred.gpuId}`]))[0].owner_id
  expect(await ownerOf()).toBe(`${A}:${a.accounts[30]}`)

  // fork B of chain A, from the snapshot on and one block longer, while chain B mines again
  await a.chain.rpc('evm_revert', [snapshot])
  a.chain = new TxBatch(a.anvil.url) // nonces as of the snapshot
  await a.chain.init()
  a.t = tFork + 5 // other blocks: other hashes and times
  await report(a, gpuA, 10, 55_000, 27n * USD)
  await mine(a)
  await a.chain.call(a.accounts[6], a.sim.deployment.gpuVault, 'GpuVault', 'deposit', [2_500n * USD, a.accounts[6]])
  await mine(a)
  const b2 = await mine(b) // an empty block on B
  const a3 = await mine(a)
  expect(a3).toBeGreaterThan(a2)
  await waitIndexed(live, a3, 60_000, A)
  await waitIndexed(live, b2, 60_000, B)
  expect(procA.output()).toMatch(/navigating a fork/)
  expect(procB.output()).not.toMatch(/navigating a fork/)
  const [forkBRow] = await query(live, `SELECT rented_sec FROM usage_record WHERE id = $1`, [`${A}:${gpuA.gpuId}-10`])
  expect(forkBRow).toEqual({ rented_sec: 55_000 })
  // fork A's transfer is gone with it; chain B's report of the same epoch is untouched
  expect(await ownerOf()).toBe(`${A}:${transferred.owner.toLowerCase()}`)
  const [onB] = await query(live, `SELECT rented_sec FROM usage_record WHERE id = $1`, [`${B}:${gpuB.gpuId}-10`])
  expect(onB).toEqual({ rented_sec: 70_000 })

  // 2. Chain B's processor is killed; chain B goes on without it, chain A goes on being indexed.
  procB.kill('SIGKILL')
  await procB.exited
  const killedAt = Date.now()
  await report(b, gpuB, 11, 20_000, 10n * USD)
  const bHead = await mine(b)
  let aHead = a3
  const stalled = await until(
    'chain B stalled on /health',
    60_000,
    async () => {
      // chain A keeps advancing and being indexed meanwhile
      await report(a, gpuA, 11 + ((aHead - a3) % 3), 1_000 * (aHead - a3 + 1), USD)
      aHead = await mine(a)
      await waitIndexed(live, aHead, 30_000, A)
      const h = await health()
      return h.status === 503 && chainOf(h.body, B)?.status === 'stalled' ? h : undefined
    },
    2_000,
  )
  const stalledAfterSec = (Date.now() - killedAt) / 1000
  expect(stalled.body.status).toBe('stalled')
  expect(chainOf(stalled.body, B)).toMatchObject({ healthy: false, indexedHeight: b2 })
  expect(chainOf(stalled.body, A)).toMatchObject({ healthy: true, indexedHeight: aHead })
  expect(['ok', 'syncing']).toContain(chainOf(stalled.body, A).status)
  // a chain is stalled when its heartbeat is 30 s old (docs/processor.md, "Health"), beating every 5 s
  expect(stalledAfterSec).toBeGreaterThan(25)

  // 3. Restarted, chain B's processor resumes from its own progress and catches up.
  procB = start(b)
  await waitIndexed(live, bHead, 60_000, B)
  const healed = await until('healthy again', 30_000, async () => {
    const h = await health()
    return h.status === 200 && chainOf(h.body, B)?.status === 'ok' ? h : undefined
  })
  expect(chainOf(healed.body, A).healthy).toBe(true)
  for (const p of [procA, procB]) {
    p.kill('SIGTERM')
    await p.exited
  }

  // The end state is that of clean indexes of both final chains.
  const clean = await freshDatabase('chains_live_clean')
  const files = await Promise.all(
    sides.map(async (s) => writeTempConfig(networkOf(s, (await latestBlock(s.chain)).number))),
  )
  const r = await runProcessor({ NETWORK_CONFIG: files.join(','), DATABASE_URL: clean }, 180_000)
  expect(r.code).toBe(0)
  expect(await tableChecksums(live)).toEqual(await tableChecksums(clean))
  console.log(`chain B stalled on /health ${stalledAfterSec.toFixed(1)} s after its processor was killed`)
}, 400_000)
