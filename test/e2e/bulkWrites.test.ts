import 'reflect-metadata'
import { SnakeNamingStrategy } from '@subsquid/typeorm-config/lib/namingStrategy'
import { DataSource, type EntityManager } from 'typeorm'
import type { Ctx } from '../../src/mappings/shared/types'
import { applyMigrations } from '../../src/postgres/migrate'
import { freshDatabase, query } from '../helpers/db'

// The built entities (npm test builds first): swc's per-file transform trips over the generated
// models' import cycles, which tsc's output does not.
/* eslint-disable @typescript-eslint/no-require-imports */
const model = require('../../lib/model') as typeof import('../../src/model')
const { insertRows, upsertRows } =
  require('../../lib/mappings/shared/write') as typeof import('../../src/mappings/shared/write')
/* eslint-enable @typescript-eslint/no-require-imports */
const { Asset, RejectedEvent, Vault, VaultEventKind, VaultState } = model

/**
 * The finalized batches' write path (docs/processor.md, "Writes") on a real Postgres: new rows by
 * COPY, upserts by unnest arrays. Token names and rejection reasons come
 * from the chain, so any text must arrive unchanged; and a write that fails must fail the batch.
 */
let url: string
let ds: DataSource

beforeAll(async () => {
  url = await freshDatabase('bulk_writes')
  await applyMigrations(url)
  ds = new DataSource({
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    entities: Object.values(model).filter((v) => typeof v === 'function'),
  })
  await ds.initialize()
})
afterAll(async () => {
  await ds?.destroy()
})

/** A batch as the processor sees it: the store of a finalized batch is its transaction. */
const batch = (em: EntityManager) => ({ store: { em: () => em } }) as unknown as Ctx

const HOSTILE = [
  'tab\there',
  'line\nbreak\r\nand return',
  'back\\slash \\N \\t',
  'quote " and \' and {braces},',
  'NULL',
  '',
  'ünïcødé 🚀 \u0001',
]

it('writes any text, number, time and null unchanged through both paths', async () => {
  const at = new Date('2026-03-04T05:06:07.089Z')
  await ds.transaction(async (em) => {
    const ctx = batch(em)
    await upsertRows(
      ctx,
      HOSTILE.map(
        (s, i) => new Asset({ id: `7:0xa${i}`, symbol: s, name: i % 2 ? null : s, decimals: i, readAtBlock: 7 }),
      ),
    )
    await insertRows(
      ctx,
      HOSTILE.map(
        (s, i) =>
          new RejectedEvent({
            id: `7:r${i}`,
            address: '0xc',
            topic0: i % 2 ? null : s,
            eventName: null,
            reason: s,
            txHash: '0x1',
            blockNumber: i,
            blockTime: at,
            logIndex: i,
          }),
      ),
    )
    await insertRows(ctx, [
      new VaultState({
        id: '7:s1',
        vault: new Vault({ id: '7:0xv' }),
        kind: VaultEventKind.YIELD,
        totalAssets: 123456789012345678901234567890n,
        totalSupply: 0n,
        pricePerShare: 1.0000000000000002,
        txHash: null,
        blockNumber: 9,
        blockTime: at,
        logIndex: null,
      }),
    ])
  })

  const assets = await query(url, `SELECT id, symbol, name, decimals FROM asset ORDER BY decimals`)
  expect(assets).toEqual(HOSTILE.map((s, i) => ({ id: `7:0xa${i}`, symbol: s, name: i % 2 ? null : s, decimals: i })))
  const rejected = await query(url, `SELECT reason, topic0, block_time FROM rejected_event ORDER BY block_number`)
  expect(rejected).toEqual(HOSTILE.map((s, i) => ({ reason: s, topic0: i % 2 ? null : s, block_time: at })))
  const [state] = await query(
    url,
    `SELECT vault_id, chain_id, kind, total_assets::text, price_per_share, tx_hash, log_index FROM vault_state`,
  )
  expect(state).toEqual({
    vault_id: '7:0xv',
    chain_id: 7,
    kind: 'YIELD',
    total_assets: '123456789012345678901234567890',
    price_per_share: '1.0000000000000002',
    tx_hash: null,
    log_index: null,
  })
})

it('upserts over loaded rows, and a failed write fails the batch and writes nothing', async () => {
  await ds.transaction(async (em) => {
    const ctx = batch(em)
    await upsertRows(ctx, [new Asset({ id: '7:0xa0', symbol: 'NEW', name: null, decimals: 18, readAtBlock: 8 })])
  })
  expect(await query(url, `SELECT symbol, decimals FROM asset WHERE id = '7:0xa0'`)).toEqual([
    { symbol: 'NEW', decimals: 18 },
  ])

  const failing = ds.transaction(async (em) => {
    const ctx = batch(em)
    await upsertRows(ctx, [new Asset({ id: '7:0xb1', symbol: 'B', name: null, decimals: 1, readAtBlock: 9 })])
    // r0 exists already: the COPY fails on the primary key
    await insertRows(ctx, [
      new RejectedEvent({
        id: '7:r0',
        address: '0xc',
        topic0: null,
        eventName: null,
        reason: 'again',
        txHash: '0x2',
        blockNumber: 99,
        blockTime: new Date(0),
        logIndex: 0,
      }),
    ])
  })
  await expect(failing).rejects.toThrow(/duplicate key/)
  expect(await query(url, `SELECT count(*)::int AS n FROM asset WHERE id = '7:0xb1'`)).toEqual([{ n: 0 }])
  expect(await query(url, `SELECT count(*)::int AS n FROM rejected_event`)).toEqual([{ n: HOSTILE.length }])
})

it('refuses a row whose id names no chain: no row may be written without its chain', async () => {
  const write = ds.transaction(async (em) => {
    await upsertRows(batch(em), [new Asset({ id: '0xnochain', symbol: 'X', name: null, decimals: 1, readAtBlock: 1 })])
  })
  await expect(write).rejects.toThrow(/a Asset row has no chain in its id "0xnochain"/)
  expect(await query(url, `SELECT count(*)::int AS n FROM asset WHERE symbol = 'X'`)).toEqual([{ n: 0 }])
})
