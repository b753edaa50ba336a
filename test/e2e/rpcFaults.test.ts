import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { testChain } from '../helpers/chain'
import { tableChecksums } from '../helpers/checksum'
import { freshDatabase } from '../helpers/db'
import { runProcessor, writeTempConfig } from '../helpers/processor'
import { FAULT_KINDS, startFaultProxy } from '../helpers/rpcFaults'

/**
 * The processor behind a misbehaving RPC: a third of all requests time out, are dropped, get 429 or
 * 500, get a body that is not JSON, get half a batch, or see a head that went back in time. It must
 * finish, and end in exactly the state of a run against the healthy node, table by table.
 */
let anvil: Anvil
let sim: SimResult

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  sim = await simulate(t.chain, { seed: 21, size: 'small' })
})
afterAll(async () => {
  await anvil?.stop()
})

it('ends, through timeouts, drops, 429/500, bad JSON, short batches and a lagging head, in the state of a clean run', async () => {
  const base = { ...networkConfigFor(sim.deployment, anvil.url, 3), toBlock: sim.headBlock, rpcTimeoutMs: 1500 }
  const clean = await freshDatabase('rpc_clean')
  const ok = await runProcessor({ NETWORK_CONFIG: writeTempConfig(base), DATABASE_URL: clean })
  expect(ok.code).toBe(0)

  const proxy = await startFaultProxy(anvil.url, { seed: 11, rate: 0.35, maxTimeouts: 3, lagBlocks: 4 })
  try {
    const faulty = await freshDatabase('rpc_faulty')
    // a provider-style URL with an API key in its path: the key must never reach the logs
    const rpcUrl = `${proxy.url}/v2/SECRET-KEY-4f7a9c`
    const run = await runProcessor(
      { NETWORK_CONFIG: writeTempConfig({ ...base, rpcUrl }), DATABASE_URL: faulty },
      240_000,
    )
    expect(run.output).toContain('connection failure') // the SDK did log its retries…
    expect(run.output).not.toContain('SECRET-KEY-4f7a9c') // …without the key
    expect(run.output).toContain(`${proxy.url}/***`)
    expect({ code: run.code, tail: run.code === 0 ? '' : run.output.slice(-2000) }).toEqual({ code: 0, tail: '' })
    // every kind of fault was injected at least once
    for (const k of FAULT_KINDS) expect({ kind: k, injected: proxy.counts[k] > 0 }).toEqual({ kind: k, injected: true })
    const [got, want] = [await tableChecksums(faulty), await tableChecksums(clean)]
    expect(Object.keys(want).length).toBeGreaterThan(40)
    expect(got).toEqual(want)
    console.log(`rpc faults injected: ${JSON.stringify(proxy.counts)}`)
  } finally {
    await proxy.close()
  }
})
