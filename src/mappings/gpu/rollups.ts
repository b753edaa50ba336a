import { Gpu, GpuDay, GpuHour, ScopeDay, ScopeHour } from '../../model'
import type { Ctx } from '../shared/types'
import { Book, Tallies } from '../shared/book'
import { type ChainIds, nativeId } from '../shared/chain'
import { DAY, HOUR, dayStart, hourStart } from '../shared/time'
import { FLEET } from './scope'

/**
 * Hourly and daily rollups per GPU, kept at ingestion so analytics read a row per bucket instead of
 * every record. Usage lands in the bucket of its epochStart; revenue in the bucket of its block time.
 * A correction subtracts the replaced record and adds the new one.
 *
 * The same changes are summed per scope (operator, SKU, region) into ScopeHour/ScopeDay, and once
 * more into the fleet's row of each bucket (operator, SKU and region `*`), so a scope query reads
 * one row per scope and bucket and a fleet query one row per bucket. A GPU's scope is fixed at
 * registration, so a scope row is exactly the sum of its GPUs' rows. Scope rows are loaded at save
 * time, when the batch knows which ones it touched (the GPUs, and so their scopes, are only known
 * after the load phase).
 */
export interface UsageAmounts {
  startSec: number
  availableSec: number
  rentedSec: number
  grossRevenue: bigint
}
export interface RevenueAmounts {
  atSec: number
  gross: bigint
  operatorFee: bigint
  protocolFee: bigint
  net: bigint
}

type Row = GpuHour | GpuDay
type ScopeRow = ScopeHour | ScopeDay
interface ScopeDelta {
  operator: string
  sku: string
  region: string
  bucketStart: Date
  d: Amounts
}
const AMOUNTS = ['availableSec', 'rentedSec', 'reportedGross', 'gross', 'operatorFee', 'protocolFee', 'net'] as const
type Amounts = Record<(typeof AMOUNTS)[number], bigint>
const SIZES = [
  { cls: GpuHour, start: hourStart, size: HOUR },
  { cls: GpuDay, start: dayStart, size: DAY },
] as const
const SCOPE_CLASSES = [ScopeHour, ScopeDay] as const
const zero = (): Amounts => Object.fromEntries(AMOUNTS.map((k) => [k, 0n])) as Amounts

export class GpuRollups {
  private readonly hours = new Book(GpuHour)
  private readonly days = new Book(GpuDay)

  constructor(private readonly chain: ChainIds) {}

  /** per size: the scope and fleet rows, with the batch's change to each */
  private readonly scopes = SCOPE_CLASSES.map(
    (cls) =>
      new Tallies<ScopeRow, ScopeDelta>(
        cls,
        (id, { d: _, ...key }) => new cls({ id, ...key, ...zero() }),
        (row, { d }) => {
          for (const k of AMOUNTS) row[k] += d[k]
        },
      ),
  )

  private book(i: number): Book<Row> {
    return (i === 0 ? this.hours : this.days) as Book<Row>
  }

  /** The batch's changes to the scope row and to the fleet row of a GPU row's bucket. */
  private scopeChanges(i: number, r: Row): Amounts[] {
    const scope = { operator: r.operator, sku: r.sku, region: r.region }
    const fleet = { operator: FLEET, sku: FLEET, region: FLEET }
    return [scope, fleet].map((k) => {
      const id = this.chain.of(`${k.operator}|${k.sku}|${k.region}|${r.bucketStart.getTime() / 1000}`)
      return this.scopes[i].change(id, () => ({ ...k, bucketStart: r.bucketStart, d: zero() })).d
    })
  }

  /** Notes the buckets an event at unix second t will touch (`gpuId`: the GPU's stored id). */
  want(gpuId: string, t: number) {
    SIZES.forEach((s, i) => this.book(i).want(`${gpuId}-${s.start(t)}`))
  }

  async load(ctx: Ctx) {
    await this.hours.load(ctx)
    await this.days.load(ctx)
  }

  private rows(gpu: Gpu, t: number): Row[] {
    return SIZES.map((s, i) => {
      const start = s.start(t)
      const row = this.book(i).getOrCreate(
        `${gpu.id}-${start}`,
        () =>
          new s.cls({
            id: `${gpu.id}-${start}`,
            gpu,
            bucketStart: new Date(start * 1000),
            operator: nativeId(gpu.operator.id),
            sku: gpu.sku,
            region: gpu.region,
            ...zero(),
          }),
      )
      // Loaded rows come without their GPU relation; setting it (the same GPU) lets new and loaded
      // rows share one write statement instead of two.
      row.gpu ??= gpu
      return row
    })
  }

  /** sign = 1 adds a usage record, -1 removes one (the record a correction replaces). */
  addUsage(gpu: Gpu, u: UsageAmounts, sign: 1n | -1n) {
    this.rows(gpu, u.startSec).forEach((r, i) => {
      for (const x of [r, ...this.scopeChanges(i, r)]) {
        x.availableSec += sign * BigInt(u.availableSec)
        x.rentedSec += sign * BigInt(u.rentedSec)
        x.reportedGross += sign * u.grossRevenue
      }
    })
  }

  addRevenue(gpu: Gpu, v: RevenueAmounts) {
    this.rows(gpu, v.atSec).forEach((r, i) => {
      for (const x of [r, ...this.scopeChanges(i, r)]) {
        x.gross += v.gross
        x.operatorFee += v.operatorFee
        x.protocolFee += v.protocolFee
        x.net += v.net
      }
    })
  }

  async save(ctx: Ctx) {
    await this.hours.save(ctx)
    await this.days.save(ctx)
    for (const scope of this.scopes) await scope.save(ctx)
  }
}
