import { simulate } from '../../src/demo/simulate'
import { testChain } from '../helpers/chain'

/** The demo is a fixture for every other test: the same seed must give the same chain, block hashes included. */
async function headHashOf(seed: number): Promise<{ hash: string; txs: number }> {
  const { anvil, chain } = await testChain()
  try {
    const r = await simulate(chain, { seed, size: 'small' })
    return { hash: r.headHash, txs: r.txs }
  } finally {
    await anvil.stop()
  }
}

describe('demo simulator', () => {
  it('plays the same chain for the same seed and another for another seed', async () => {
    const a = await headHashOf(42)
    const b = await headHashOf(42)
    const c = await headHashOf(43)
    expect(b.hash).toBe(a.hash)
    expect(c.hash).not.toBe(a.hash)
    expect(a.txs).toBeGreaterThan(200)
  })
})
