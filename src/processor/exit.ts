import pg from 'pg'
import { processorHeights } from '../sdk/status'

/**
 * With `toBlock` set the processor must exit once that block is *committed*: the handler runs
 * before the store commits, so this polls the SDK's status (and hot blocks, when kept) instead.
 */
export async function exitWhenCommitted(databaseUrl: string, chainId: number, toBlock: number) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  for (;;) {
    const h = await processorHeights(client, chainId)
    if (h && h.indexed >= toBlock) break
    await new Promise((res) => setTimeout(res, 50))
  }
  await client.end()
  console.log(JSON.stringify({ level: 'info', msg: `indexed up to toBlock ${toBlock}; exiting` }))
  process.exit(0)
}
