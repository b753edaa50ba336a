import pg from 'pg'

/**
 * With `toBlock` set the processor must exit once that block is *committed*: the handler runs
 * before the store commits, so this polls the SDK's status (and hot blocks, when kept) instead.
 */
export async function exitWhenCommitted(databaseUrl: string, toBlock: number) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const hot = (await client.query(`SELECT to_regclass('squid_processor.hot_block') IS NOT NULL AS t`)).rows[0].t
  for (;;) {
    const r = await client.query(
      hot
        ? `SELECT GREATEST((SELECT height FROM squid_processor.status WHERE id = 0), (SELECT max(height) FROM squid_processor.hot_block)) AS h`
        : `SELECT height AS h FROM squid_processor.status WHERE id = 0`,
    )
    if (Number(r.rows[0]?.h) >= toBlock) break
    await new Promise((res) => setTimeout(res, 50))
  }
  await client.end()
  console.log(JSON.stringify({ level: 'info', msg: `indexed up to toBlock ${toBlock}; exiting` }))
  process.exit(0)
}
