import pg from 'pg'
import type { NetworkConfig } from '../config/network'
import type { Discovery, Followed, FollowedStandard } from '../mappings/shared/follows'
import { nativeId } from '../mappings/shared/chain'
import { processorHeights } from '../sdk/status'

/**
 * The addresses found on chain that the processor subscribes to (src/mappings/shared/follows.ts),
 * read at start: the indexed model tokens and CHAIN vaults' assets, the standalone tokens of the
 * network file, and the finds of a batch that was not committed (follow_pending, written just before
 * the new subscription that replays it). A find at or below the indexed height is either in the tables by now
 * or was rolled back with its block (a reorg): either way the tables are the truth, and it is dropped.
 */
export async function loadFollowed(databaseUrl: string, config: NetworkConfig): Promise<Followed> {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const followed: Followed = { tokens: new Map(), vaultAssets: new Map() }
    for (const t of config.modelTokens) followed.tokens.set(t.address, t.standard === 'erc7641' ? 'ERC7641' : 'DEAI')
    const chain = [config.chainId]
    const tokens = await db.query(`SELECT id, standard FROM model_token WHERE chain_id = $1`, chain)
    for (const r of tokens.rows) followed.tokens.set(nativeId(r.id), r.standard)
    const vaults = await db.query(
      `SELECT id, asset FROM vault WHERE chain_id = $1 AND state_source = 'CHAIN' AND asset IS NOT NULL`,
      chain,
    )
    for (const r of vaults.rows) followed.vaultAssets.set(nativeId(r.id), r.asset)
    const height = (await processorHeights(db, config.chainId))?.indexed ?? -1
    await db.query(`DELETE FROM follow_pending WHERE chain_id = $1 AND from_block <= $2`, [config.chainId, height])
    const pending = await db.query(
      `SELECT kind, address, vault, standard FROM follow_pending WHERE chain_id = $1`,
      chain,
    )
    for (const r of pending.rows) {
      if (r.kind === 'token') followed.tokens.set(r.address, r.standard as FollowedStandard)
      else followed.vaultAssets.set(r.vault, r.address)
    }
    return followed
  } finally {
    await db.end()
  }
}

/** Records a batch's finds outside its transaction, which is about to be abandoned. */
export async function recordDiscoveries(databaseUrl: string, chainId: number, discoveries: Discovery[]): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    // one statement for all of them (a batch's finds share one replay; each key appears once)
    await db.query(
      `INSERT INTO follow_pending (chain_id, kind, address, vault, standard, from_block)
       SELECT $6::int, * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])
       ON CONFLICT (chain_id, kind, address, vault) DO UPDATE SET from_block = LEAST(follow_pending.from_block, EXCLUDED.from_block)`,
      [
        discoveries.map((d) => d.kind),
        discoveries.map((d) => d.address),
        discoveries.map((d) => (d.kind === 'vaultAsset' ? d.vault : '')),
        discoveries.map((d) => (d.kind === 'token' ? d.standard : null)),
        discoveries.map((d) => d.fromBlock),
        chainId,
      ],
    )
  } finally {
    await db.end()
  }
}
