import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { DAY, simulate, TOKEN, USD, type SimResult } from '../../src/demo/simulate'
import type { TxBatch } from '../../src/demo/txbatch'
import { testChain } from '../helpers/chain'
import { freshDatabase, query } from '../helpers/db'
import { runProcessor, writeTempConfig } from '../helpers/processor'
import { nativeSql as N, onTestChain as C } from '../helpers/ids'

/**
 * Every domain of the small economy, indexed from a real chain into a real Postgres. Expected values
 * come from the simulator's plan worked through by hand, or from the contracts' own view functions at
 * the head or at the block in question.
 */
let anvil: Anvil
let chain: TxBatch
let sim: SimResult
let db: string

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  chain = t.chain
  sim = await simulate(chain, { seed: 11, size: 'small' })
  db = await freshDatabase('domains')
  const config = { ...networkConfigFor(sim.deployment, anvil.url), toBlock: sim.headBlock }
  const r = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: db })
  if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
})
afterAll(async () => {
  await anvil?.stop()
})

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n)
const big = (rows: { v: string }[]) => BigInt(rows[0]?.v ?? 0)

describe('vaults', () => {
  it('reads the vault state from the chain after every block with vault activity, and at each hourly sample', async () => {
    const vault = sim.deployment.gpuVault.toLowerCase()
    const [row] = await query(
      db,
      `SELECT state_source, asset, total_assets, total_supply, price_per_share FROM vault WHERE id = $1`,
      [C(vault)],
    )
    const assets = await chain.read<bigint>(sim.deployment.gpuVault, 'GpuVault', 'totalAssets')
    const supply = await chain.read<bigint>(sim.deployment.gpuVault, 'GpuVault', 'totalSupply')
    expect(row.state_source).toBe('CHAIN')
    expect(row.asset).toBe(sim.deployment.stablecoin.toLowerCase())
    expect([BigInt(row.total_assets), BigInt(row.total_supply)]).toEqual([assets, supply])
    // dUSD has 6 decimals and so have the shares: a wallet's price per share is the plain ratio
    expect(Number(row.price_per_share)).toBeCloseTo(Number(assets) / Number(supply), 12)

    const states = await query(
      db,
      `SELECT block_number AS b, kind, total_assets AS a, total_supply AS s FROM vault_state ORDER BY block_number`,
    )
    // every row is what the vault's own view functions said at the end of that block
    for (const st of states) {
      expect([BigInt(st.a), BigInt(st.s)]).toEqual([
        await chain.read<bigint>(sim.deployment.gpuVault, 'GpuVault', 'totalAssets', [], st.b),
        await chain.read<bigint>(sim.deployment.gpuVault, 'GpuVault', 'totalSupply', [], st.b),
      ])
    }
    // OBSERVED: the blocks with a log of the vault (3 deposits on days 0, 2 and 5, one withdraw and one
    // redeem)
    const logs = await chain.rpc<{ blockNumber: string; address: string }[]>('eth_getLogs', [
      { fromBlock: '0x0', toBlock: `0x${sim.headBlock.toString(16)}`, address: sim.deployment.gpuVault },
    ])
    // and the blocks with a dUSD transfer to or from it: the yield is paid in by plain transfers
    const vaultTopic = `0x${sim.deployment.gpuVault.slice(2).toLowerCase().padStart(64, '0')}`
    const TRANSFER = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'
    for (const topics of [
      [TRANSFER, vaultTopic],
      [TRANSFER, null, vaultTopic],
    ])
      logs.push(
        ...(await chain.rpc<{ blockNumber: string; address: string }[]>('eth_getLogs', [
          {
            fromBlock: '0x0',
            toBlock: `0x${sim.headBlock.toString(16)}`,
            address: sim.deployment.stablecoin,
            topics,
          },
        ])),
      )
    const active = [...new Set(logs.map((l) => Number(l.blockNumber)))].sort((x, y) => x - y)
    expect(states.filter((st) => st.kind === 'OBSERVED').map((st) => st.b)).toEqual(active)
    // SAMPLED: the first block at or after each whole hour after the first deposit, computed from the
    // chain's block times (skipping blocks already observed)
    const times: number[] = []
    for (let b = 0; b <= sim.headBlock; b++) {
      const h = await chain.rpc<{ timestamp: string }>('eth_getBlockByNumber', [`0x${b.toString(16)}`, false])
      times.push(Number(h.timestamp))
    }
    const expected = new Set<number>()
    for (let m = Math.floor(times[active[0]] / 3600) * 3600 + 3600; m <= times[sim.headBlock]; m += 3600) {
      const b = times.findIndex((t) => t >= m)
      if (!active.includes(b)) expected.add(b)
    }
    expect(states.filter((st) => st.kind === 'SAMPLED').map((st) => st.b)).toEqual([...expected])
  })

  it('tracks every holder’s shares exactly as balanceOf reports them', async () => {
    const rows = await query(db, `SELECT ${N('account_id')} AS account_id, shares FROM vault_position WHERE shares > 0`)
    expect(rows.length).toBeGreaterThan(0)
    for (const a of sim.accounts) {
      const onChain = await chain.read<bigint>(sim.deployment.gpuVault, 'GpuVault', 'balanceOf', [a])
      const got = rows.find((r) => r.account_id === a)
      expect(BigInt(got?.shares ?? 0)).toBe(onChain)
    }
  })

  it('rolls up each day: close state of the day’s last event and the day’s flows', async () => {
    const days = await query(
      db,
      `SELECT extract(epoch FROM bucket_start)::int AS start, total_assets_close, deposited, withdrawn, deposits, withdrawals FROM vault_day ORDER BY bucket_start`,
    )
    expect(days.map((d) => d.start)).toEqual(Array.from({ length: 11 }, (_, i) => sim.start + i * DAY))
    const last = days[days.length - 1]
    expect(BigInt(last.total_assets_close)).toBe(
      await chain.read<bigint>(sim.deployment.gpuVault, 'GpuVault', 'totalAssets'),
    )
    expect(days.map((d) => d.deposits)).toEqual([3, 0, 3, 0, 0, 3, 0, 0, 0, 0, 0])
    expect(days.filter((d) => d.withdrawals > 0).map((d) => [d.start, d.withdrawals])).toEqual([
      [sim.start + 5 * DAY, 2],
    ])
    // day 5: `withdraw` of exactly 1,000 dUSD, plus a `redeem` of 1,000 shares (worth a bit more)
    const flows = await query(db, `SELECT assets FROM vault_flow WHERE kind = 'WITHDRAW' ORDER BY id`)
    expect(BigInt(flows[0].assets)).toBe(1_000n * USD)
    expect(BigInt(days[5].withdrawn)).toBe(sum(flows.map((f) => BigInt(f.assets))))
  })
})

describe('model tokens and offerings', () => {
  it('follows every token the factory created, from its creation block, with no configuration', async () => {
    const rows = await query(
      db,
      `SELECT ${N('id')} AS id, model_id::int AS m, name, symbol, initial_supply FROM model_token WHERE factory IS NOT NULL ORDER BY model_id`,
    )
    expect(rows).toEqual(
      sim.offerings.map((o, i) => ({
        id: sim.tokens[i],
        m: i + 1,
        name: o.name,
        symbol: o.symbol,
        initial_supply: o.supply.toString(),
      })),
    )
  })

  it('settles the offerings: model 1 oversubscribed, model 2 failed, model 3 exactly at target', async () => {
    const rows = await query(
      db,
      `SELECT ${N('id')} AS id, status, deposited, raised, price, investor_count FROM offering ORDER BY id`,
    )
    // price = min(raised, target) * 1e18 / tokensForSale, in dUSD base units per whole token
    expect(rows).toEqual([
      // 130,000 raised for a 100,000 target and 400,000 tokens: 0.25 dUSD per token
      {
        id: '1',
        status: 'SUCCEEDED',
        deposited: '130000000000',
        raised: '130000000000',
        price: '250000',
        investor_count: 4,
      },
      { id: '2', status: 'FAILED', deposited: '35000000000', raised: '35000000000', price: null, investor_count: 2 },
      // 50,000 for 100,000 tokens: 0.5 dUSD per token
      {
        id: '3',
        status: 'SUCCEEDED',
        deposited: '50000000000',
        raised: '50000000000',
        price: '500000',
        investor_count: 2,
      },
    ])
  })

  it('gives oversubscribed investors tokensForSale * deposit / raised, and failed-offering investors a full refund', async () => {
    const rows = await query(
      db,
      `SELECT ${N('i.offering_id')} AS m, i.investor_id, i.deposited, i.tokens, i.refund, i.claimed FROM offering_investor i ORDER BY i.id`,
    )
    expect(['1', '2', '3'].map((m) => rows.filter((x) => x.m === m).length)).toEqual([4, 2, 2])
    const o1 = sim.offerings[0]
    const raised1 = sum(o1.deposits) * USD
    for (const r of rows.filter((x) => x.m === '1')) {
      expect(r.claimed).toBe(true)
      expect(BigInt(r.tokens)).toBe((o1.sale * BigInt(r.deposited)) / raised1)
    }
    for (const r of rows.filter((x) => x.m === '2')) expect([r.tokens, r.refund]).toEqual(['0', r.deposited])
    for (const r of rows.filter((x) => x.m === '3')) expect(r.refund).toBe('0')
  })

  it('holds every balance and the supply exactly as the token contracts do (mints, transfers, burn)', async () => {
    for (const token of sim.tokens) {
      const [t] = await query(db, `SELECT total_supply, burned, holder_count FROM model_token WHERE id = $1`, [
        C(token),
      ])
      expect(BigInt(t.total_supply)).toBe(await chain.read<bigint>(token, 'ModelToken', 'totalSupply'))
      const holders = await query(
        db,
        `SELECT ${N('account_id')} AS account_id, balance FROM holder WHERE token_id = $1 AND balance > 0`,
        [C(token)],
      )
      expect(holders).toHaveLength(t.holder_count)
      let positive = 0
      for (const a of [...sim.accounts, sim.deployment.modelTokenFactory.toLowerCase()]) {
        const onChain = await chain.read<bigint>(token, 'ModelToken', 'balanceOf', [a])
        if (onChain > 0n) positive++
        expect(BigInt(holders.find((h) => h.account_id === a)?.balance ?? 0)).toBe(onChain)
      }
      expect(positive).toBe(t.holder_count)
    }
    const [m1] = await query(db, `SELECT burned FROM model_token WHERE id = $1`, [C(sim.tokens[0])])
    expect(BigInt(m1.burned)).toBe(4_000n * TOKEN)
  })

  it('fixes each holder’s entitlement at the snapshot log and marks claims, as the contract computes them', async () => {
    const ents = await query(
      db,
      `SELECT ${N('e.token_id')} AS token_id, s.snapshot_id::int AS sid, ${N('e.holder_id')} AS holder_id, e.amount, e.claimed FROM entitlement e
         JOIN revenue_snapshot s ON s.id = e.snapshot_id JOIN model_token t ON t.id = e.token_id WHERE t.standard = 'DEAI'`,
    )
    expect(ents.length).toBeGreaterThan(0)
    for (const e of ents) {
      const amount = await chain.read<bigint>(e.token_id, 'ModelToken', 'entitlement', [e.holder_id, BigInt(e.sid)])
      const claimed = await chain.read<boolean>(e.token_id, 'ModelToken', 'claimed', [BigInt(e.sid), e.holder_id])
      expect([BigInt(e.amount), e.claimed]).toEqual([amount, claimed])
    }
    for (const token of sim.tokens) {
      const n = await chain.read<bigint>(token, 'ModelToken', 'currentSnapshotId')
      const [row] = await query(db, `SELECT snapshot_count FROM model_token WHERE id = $1`, [C(token)])
      expect(BigInt(row.snapshot_count)).toBe(n)
    }
    const claims = await query(
      db,
      `SELECT count(*)::int AS n FROM revenue_claim c JOIN model_token t ON t.id = c.token_id WHERE t.standard = 'DEAI'`,
    )
    expect(claims[0].n).toBe(ents.filter((e) => e.claimed).length)
  })

  it('records every inference request with its fee, caller and fulfilment, and the daily rollup per model', async () => {
    const rows = await query(
      db,
      `SELECT ${N('id')}::int AS id, model_id::int AS m, ${N('caller_id')} AS caller_id, fee, fulfilled, latency_sec
         FROM inference_request ORDER BY ${N('id')}::int`,
    )
    expect(rows.map((r) => [r.id, r.m, r.caller_id, r.fee, r.fulfilled])).toEqual(
      sim.requests.map((q, i) => [i + 1, q.modelId, q.caller, q.fee.toString(), q.fulfilled]),
    )
    expect(rows.filter((r) => r.fulfilled).every((r) => r.latency_sec > 0)).toBe(true)
    const days = await query(
      db,
      `SELECT model_id::int AS m, extract(epoch FROM bucket_start)::int AS start, requests, fees, callers, fulfilled FROM model_day ORDER BY 1, 2`,
    )
    const expected = new Map<string, { requests: number; fees: bigint; callers: Set<string>; fulfilled: number }>()
    for (const q of sim.requests) {
      const key = `${q.modelId}-${sim.start + q.day * DAY}`
      const e = expected.get(key) ?? { requests: 0, fees: 0n, callers: new Set(), fulfilled: 0 }
      e.requests++
      e.fees += q.fee
      e.callers.add(q.caller)
      if (q.fulfilled) e.fulfilled++
      expected.set(key, e)
    }
    expect(days.map((d) => [`${d.m}-${d.start}`, d.requests, d.fees, d.callers, d.fulfilled])).toEqual(
      [...expected.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, e]) => [k, e.requests, e.fees.toString(), e.callers.size, e.fulfilled]),
    )
  })
})

describe('data and provenance', () => {
  it('stores datasets, versions and the derivation DAG with each child’s inheritBps total', async () => {
    const ds = await query(db, `SELECT license FROM dataset ORDER BY license`)
    expect(ds.map((d) => d.license)).toEqual(['Apache-2.0', 'CC-BY-4.0', 'CC-BY-SA-4.0'])
    const versions = await query(db, `SELECT ${N('id')} AS id, inherit_bps_total FROM dataset_version`)
    const total = new Map(versions.map((v) => [v.id, v.inherit_bps_total]))
    // web@2 DEDUP from web@1 (8000); instructions@1 FILTER from web@2 (4000) + MERGE of code@1 (3000)
    expect(
      Object.fromEntries([sim.ids.webV1, sim.ids.webV2, sim.ids.codeV1, sim.ids.instrV1].map((v) => [v, total.get(v)])),
    ).toEqual({
      [sim.ids.webV1]: 0,
      [sim.ids.webV2]: 8000,
      [sim.ids.codeV1]: 0,
      [sim.ids.instrV1]: 7000,
    })
    const edges = await query(db, `SELECT child_id, parent_id, op, inherit_bps FROM dataset_derivation ORDER BY id`)
    expect(edges).toHaveLength(3)
  })

  it('keeps every contribution, the revoked one flagged with its reason', async () => {
    const rows = await query(
      db,
      `SELECT ${N('id')}::int AS id, ${N('version_id')} AS version_id, ${N('contributor_id')} AS contributor_id, revoked,
              revoked_reason FROM contribution ORDER BY ${N('id')}::int`,
    )
    expect(rows.map((r) => [r.id, r.version_id, r.contributor_id, r.revoked])).toEqual(
      sim.contributions.sort((a, b) => a.id - b.id).map((c) => [c.id, c.version, c.contributor, c.revoked]),
    )
    expect(rows.filter((r) => r.revoked).map((r) => r.revoked_reason)).toEqual(['CONSENT_WITHDRAWN'])
  })

  it('links model versions to their parents and keeps unknown run references, flagged unresolved', async () => {
    const mv = await query(
      db,
      `SELECT ${N('id')} AS id, ${N('parent_id')} AS parent_id, parent_resolved, op FROM model_version ORDER BY block_number, log_index`,
    )
    expect(mv.map((m) => [m.id, m.parent_id, m.parent_resolved, m.op])).toEqual([
      [sim.ids.mvBase, null, true, 'PRETRAIN'],
      [sim.ids.mvOwl, null, true, 'PRETRAIN'],
      [sim.ids.mvChat, sim.ids.mvBase, true, 'FINETUNE'],
      [sim.ids.mvQuant, sim.ids.mvChat, true, 'QUANTIZE'],
    ])
    // references name the item on the chain they resolve on (here, their own); unresolved = not indexed there
    const unresolvedData = await query(
      db,
      `SELECT referenced_version_id AS v FROM training_run_dataset d
        WHERE NOT EXISTS (SELECT 1 FROM dataset_version v WHERE v.id = d.referenced_version_id)`,
    )
    expect(unresolvedData.map((r) => r.v)).toEqual([C(sim.ids.unknownVersion)])
    const unresolvedGpus = await query(
      db,
      `SELECT referenced_gpu_id AS g FROM training_run_gpu r WHERE NOT EXISTS (SELECT 1 FROM gpu g WHERE g.id = r.referenced_gpu_id)`,
    )
    expect(unresolvedGpus.map((r) => r.g)).toEqual([C(999)])
    const runs = await query(
      db,
      `SELECT ${N('model_version_id')} AS mv, total_weight_bps AS w FROM training_run ORDER BY block_number, log_index`,
    )
    expect(runs.map((r) => [r.mv, r.w])).toEqual([
      [sim.ids.mvBase, 10000],
      [sim.ids.mvOwl, 10000],
      [sim.ids.mvChat, 10000],
      [sim.ids.mvChat, 10000],
    ])
  })

  it('stores the reward epoch and its two claims', async () => {
    const [a] = await query(db, `SELECT total, claimed, claim_count, model_version_id FROM reward_allocation`)
    const r = sim.rewards
    expect(a).toEqual({
      total: sum(r.amounts).toString(),
      claimed: (r.amounts[0] + r.amounts[1]).toString(),
      claim_count: 2,
      model_version_id: C(sim.ids.mvBase),
    })
  })
})

describe('GPU rollups', () => {
  it('sum the final usage records by the UTC day of their epochStart, and revenue by payout day', async () => {
    const days = await query(
      db,
      `SELECT ${N('gpu_id')} AS gpu_id, extract(epoch FROM bucket_start)::int AS start, available_sec, rented_sec, net FROM gpu_day`,
    )
    const byKey = new Map(days.map((d) => [`${d.gpu_id}-${d.start}`, d]))
    for (const u of sim.usage) {
      const d = byKey.get(`${u.gpuId}-${u.epochStart}`)
      expect([d?.available_sec, d?.rented_sec]).toEqual([String(u.availableSec), String(u.rentedSec)])
    }
    // Revenue of epoch e is paid on day e + 1: fees are 10% and 5% rounded down, net the rest.
    for (const u of sim.usage) {
      const net = u.gross - (u.gross * 1000n) / 10000n - (u.gross * 500n) / 10000n
      expect(BigInt(byKey.get(`${u.gpuId}-${u.epochStart + DAY}`)!.net)).toBe(net)
    }
    const hours = await query(db, `SELECT sum(rented_sec)::text AS v FROM gpu_hour`)
    expect(big(hours)).toBe(BigInt(sim.usage.reduce((a, u) => a + u.rentedSec, 0)))
  })

  it('keep per-scope rollups equal to the per-GPU rows of the GPUs registered with that scope, and fleet rows to their sum', async () => {
    // Expected sums from the simulation plan, grouped by each GPU's registered operator, SKU and region.
    const scopeOf = new Map(
      sim.gpus.map((g) => [g.gpuId.toString(), `${g.operator.toLowerCase()}|${g.sku}|${g.region}`]),
    )
    const expected = new Map<string, bigint>()
    for (const u of sim.usage) {
      const key = C(`${scopeOf.get(u.gpuId.toString())}|${u.epochStart - (u.epochStart % DAY)}`)
      expected.set(key, (expected.get(key) ?? 0n) + BigInt(u.rentedSec))
    }
    const rows = await query(db, `SELECT id, rented_sec FROM scope_day WHERE rented_sec <> 0 AND operator <> '*'`)
    expect(new Map(rows.map((r) => [r.id, BigInt(r.rented_sec)]))).toEqual(expected)
    // the fleet's row of each day: the plan's usage summed by day alone
    const fleet = new Map<string, bigint>()
    for (const u of sim.usage) {
      const key = C(`*|*|*|${u.epochStart - (u.epochStart % DAY)}`)
      fleet.set(key, (fleet.get(key) ?? 0n) + BigInt(u.rentedSec))
    }
    const fleetRows = await query(db, `SELECT id, rented_sec FROM scope_day WHERE rented_sec <> 0 AND operator = '*'`)
    expect(new Map(fleetRows.map((r) => [r.id, BigInt(r.rented_sec)]))).toEqual(fleet)
    // and every amount of both sizes equals the GPU rollups summed by scope
    for (const [scope, gpu] of [
      ['scope_hour', 'gpu_hour'],
      ['scope_day', 'gpu_day'],
    ]) {
      const diff = await query(
        db,
        `SELECT count(*)::int AS v FROM (
           SELECT bucket_start, operator, sku, region, sum(available_sec) a, sum(rented_sec) r, sum(reported_gross) rg,
                  sum(gross) g, sum(operator_fee) o, sum(protocol_fee) p, sum(net) n FROM ${gpu} GROUP BY 1, 2, 3, 4
           EXCEPT
           SELECT bucket_start, operator, sku, region, available_sec, rented_sec, reported_gross, gross, operator_fee,
                  protocol_fee, net FROM ${scope}) x`,
      )
      expect(diff[0].v).toBe(0)
      // and each fleet row is every scope row of its bucket summed, both ways
      const fleetDiff = await query(
        db,
        `WITH s AS (SELECT bucket_start, sum(available_sec) a, sum(rented_sec) r, sum(reported_gross) rg, sum(gross) g,
                           sum(operator_fee) o, sum(protocol_fee) p, sum(net) n FROM ${scope} WHERE operator <> '*' GROUP BY 1),
              f AS (SELECT bucket_start, available_sec, rented_sec, reported_gross, gross, operator_fee, protocol_fee, net
                      FROM ${scope} WHERE operator = '*')
         SELECT (SELECT count(*) FROM (SELECT * FROM s EXCEPT SELECT * FROM f) x)::int
              + (SELECT count(*) FROM (SELECT * FROM f EXCEPT SELECT * FROM s) x)::int AS v`,
      )
      expect(fleetDiff[0].v).toBe(0)
      const counts = await query(db, `SELECT (SELECT count(*) FROM ${scope})::int AS s`)
      expect(counts[0].s).toBeGreaterThan(0)
    }
  })
})

describe('malformed logs', () => {
  it('rejects each of the 14 bad cases with a reason, in chain order, and stores nothing from them', async () => {
    const rows = await query(db, `SELECT address, topic0, reason FROM rejected_event ORDER BY id`)
    expect(rows.map((r) => [r.address, r.topic0])).toEqual(sim.malformed.map((m) => [m.address, m.topic0]))
    expect(rows.every((r) => r.reason.length > 10)).toBe(true)
    const leaked = await query(
      db,
      `SELECT (SELECT count(*) FROM usage_record WHERE epoch >= 900) + (SELECT count(*) FROM contribution WHERE id = '${C(99999)}')
            + (SELECT count(*) FROM training_run WHERE id LIKE '%bad1') + (SELECT count(*) FROM model_version WHERE id LIKE '%bad2')
            + (SELECT count(*) FROM revenue_distribution WHERE epoch = 900) AS v`,
    )
    expect(big(leaked)).toBe(0n)
  })

  it('indexes the valid events of the last day, after the malformed block', async () => {
    const lastEpoch = Math.max(...sim.usage.map((u) => u.epoch))
    const expected = sim.usage.filter((u) => u.epoch === lastEpoch).length
    const got = await query(db, `SELECT count(*)::int AS n FROM revenue_distribution WHERE epoch = $1`, [lastEpoch])
    expect(got[0].n).toBe(expected)
  })
})
