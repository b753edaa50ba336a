import { startAnvil, type Anvil } from '../../src/demo/anvil'
import { DEMO_START } from '../../src/demo/simulate'
import { TxBatch } from '../../src/demo/txbatch'
import { freePort } from './ports'

/** A real anvil on a free port, with the demo's transaction batcher (automine off, explicit time). */
export async function testChain(chainId = 31337): Promise<{ anvil: Anvil; chain: TxBatch; accounts: `0x${string}`[] }> {
  const anvil = await startAnvil({ port: await freePort(), genesisTimestamp: DEMO_START, chainId })
  const chain = new TxBatch(anvil.url)
  await chain.init()
  const accounts = (await chain.rpc<`0x${string}`[]>('eth_accounts', [])).map((a) => a.toLowerCase() as `0x${string}`)
  return { anvil, chain, accounts }
}

/** The chain's latest block: number, hash and timestamp (unix seconds). */
export async function latestBlock(chain: TxBatch): Promise<{ number: number; hash: string; timestamp: number }> {
  const b = await chain.rpc<{ number: string; hash: string; timestamp: string }>('eth_getBlockByNumber', [
    'latest',
    false,
  ])
  return { number: Number(b.number), hash: b.hash, timestamp: Number(b.timestamp) }
}
