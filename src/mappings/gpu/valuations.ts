import { type Gpu, ScopeValuation } from '../../model'
import { entityManager } from '../../sdk/store'
import type { ChainIds } from '../shared/chain'
import { nativeId } from '../shared/chain'
import type { Evidence } from '../shared/evidence'
import type { Ctx } from '../shared/types'
import { upsertRows } from '../shared/write'
import { FLEET } from './scope'

/**
 * The summed valuation of each scope's GPUs (and the fleet's) per valuation asset, as a step
 * function: one row per scope, asset and block that registered or revalued one of its GPUs. A yield
 * over a window integrates these steps, so its cost follows the changes in the window, not the
 * number of GPUs (docs/processor.md, "Rollups").
 *
 * Registrations and revaluations add their change to the block's step; at save time the batch loads
 * the last step of each scope it touched (one query) and writes its steps as running totals.
 */
interface Step {
  key: Key
  blockNumber: number
  blockTime: Date
  valuation: bigint
  gpus: number
}
interface Key {
  operator: string
  sku: string
  region: string
  valuationAsset: string
}

export class ScopeValuations {
  /** scope key -> block number -> the block's change */
  private readonly changes = new Map<string, Map<number, Step>>()

  constructor(private readonly chain: ChainIds) {}

  /** A GPU registered (gpus = 1) or revalued (gpus = 0), with the change of its valuation. */
  add(gpu: Gpu, valuation: bigint, gpus: number, ev: Pick<Evidence, 'blockNumber' | 'blockTime'>) {
    const scope = { operator: nativeId(gpu.operator.id), sku: gpu.sku, region: gpu.region }
    for (const s of [scope, { operator: FLEET, sku: FLEET, region: FLEET }]) {
      const key = { ...s, valuationAsset: gpu.valuationAsset }
      const id = keyId(key)
      let blocks = this.changes.get(id)
      if (!blocks) this.changes.set(id, (blocks = new Map()))
      let step = blocks.get(ev.blockNumber)
      if (!step) {
        blocks.set(
          ev.blockNumber,
          (step = { key, blockNumber: ev.blockNumber, blockTime: ev.blockTime, valuation: 0n, gpus: 0 }),
        )
      }
      step.valuation += valuation
      step.gpus += gpus
    }
  }

  async save(ctx: Ctx) {
    if (this.changes.size === 0) return
    const keys = [...this.changes.values()].map((blocks) => blocks.values().next().value!.key)
    const last = await lastSteps(ctx, this.chain.chainId, keys)
    const rows: ScopeValuation[] = []
    for (const [id, blocks] of this.changes) {
      let valuation = last.get(id)?.valuation ?? 0n
      let gpus = last.get(id)?.gpus ?? 0
      for (const step of [...blocks.values()].sort((a, b) => a.blockNumber - b.blockNumber)) {
        valuation += step.valuation
        gpus += step.gpus
        rows.push(
          new ScopeValuation({
            id: this.chain.of(`${id}|${step.blockNumber}`),
            ...step.key,
            blockNumber: step.blockNumber,
            blockTime: step.blockTime,
            valuation,
            gpus,
          }),
        )
      }
    }
    this.changes.clear()
    await upsertRows(ctx, rows)
  }
}

function keyId(k: Key): string {
  return `${k.operator}|${k.sku}|${k.region}|${k.valuationAsset}`
}

/** The latest step of each key before this batch, in one statement. */
async function lastSteps(
  ctx: Ctx,
  chainId: number,
  keys: Key[],
): Promise<Map<string, { valuation: bigint; gpus: number }>> {
  const rows: { operator: string; sku: string; region: string; asset: string; valuation: string; gpus: number }[] =
    await entityManager(ctx.store).query(
      `SELECT k.operator, k.sku, k.region, k.asset, v.valuation::text AS valuation, v.gpus
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(operator, sku, region, asset)
         CROSS JOIN LATERAL (
           SELECT valuation, gpus FROM scope_valuation s
            WHERE s.chain_id = $5 AND s.operator = k.operator AND s.sku = k.sku AND s.region = k.region AND s.valuation_asset = k.asset
            ORDER BY s.block_time DESC, s.block_number DESC LIMIT 1) v`,
      [
        keys.map((k) => k.operator),
        keys.map((k) => k.sku),
        keys.map((k) => k.region),
        keys.map((k) => k.valuationAsset),
        chainId,
      ],
    )
  return new Map(
    rows.map((r) => [
      keyId({ operator: r.operator, sku: r.sku, region: r.region, valuationAsset: r.asset }),
      { valuation: BigInt(r.valuation), gpus: r.gpus },
    ]),
  )
}
