import { startAnvil, type Anvil } from '../../src/demo/anvil'
import { DEMO_START } from '../../src/demo/simulate'
import { TxBatch } from '../../src/demo/txbatch'
import { freePort } from './ports'

/** A real anvil on a free port, with the demo's transaction batcher (automine off, explicit time). */
export async function testChain(): Promise<{ anvil: Anvil; chain: TxBatch; accounts: `0x${string}`[] }> {
  const anvil = await startAnvil({ port: await freePort(), genesisTimestamp: DEMO_START })
  const chain = new TxBatch(anvil.url)
  await chain.init()
  const accounts = (await chain.rpc<`0x${string}`[]>('eth_accounts', [])).map((a) => a.toLowerCase() as `0x${string}`)
  return { anvil, chain, accounts }
}
