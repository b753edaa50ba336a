import { Gpu, GpuDay, GpuHour, ScopeDay, ScopeHour } from '../../model'
import type { Ctx } from '../shared/types'
import { Book } from '../shared/book'
import { DAY, HOUR, dayStart, hourStart } from '../shared/time'

/**
 * Hourly and daily rollups per GPU, kept at ingestion so analytics read a row per bucket instead of
 * every record. Usage lands in the bucket of its epochStart; revenue in the bucket of its block time.
 * A correction subtracts the replaced record and adds the new one.
 *
 * The same changes are summed per scope (operator, SKU, region) into ScopeHour/ScopeDay, so a fleet
 * query reads one row per scope and bucket. A GPU's scope is fixed at registration, so a scope row is
 * exactly the sum of its GPUs' rows. Scope rows are loaded at save time, when the batch knows which
 * ones it touched (the GPUs, and so their scopes, are only known after the load phase).
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

  private readonly scopeBooks = [new Book(ScopeHour), new Book(ScopeDay)] as Book<ScopeRow>[]
  /** per size: scope row id -> the batch's change to it */
  private readonly scopeDeltas = [
    new Map<string, { row: Row; d: Amounts }>(),
    new Map<string, { row: Row; d: Amounts }>(),
  ]

  private book(i: number): Book<Row> {
    return (i === 0 ? this.hours : this.days) as Book<Row>
  }

  private scopeDelta(i: number, r: Row): Amounts {
    const id = `${r.operator}|${r.sku}|${r.region}|${r.bucketStart.getTime() / 1000}`
    let e = this.scopeDeltas[i].get(id)
    if (!e) this.scopeDeltas[i].set(id, (e = { row: r, d: zero() }))
    return e.d
  }

  /** Notes the buckets an event at unix second t will touch. */
  want(gpuId: bigint | string, t: number) {
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
            operator: gpu.operator.id,
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
      for (const x of [r, this.scopeDelta(i, r)]) {
        x.availableSec += sign * BigInt(u.availableSec)
        x.rentedSec += sign * BigInt(u.rentedSec)
        x.reportedGross += sign * u.grossRevenue
      }
    })
  }

  addRevenue(gpu: Gpu, v: RevenueAmounts) {
    this.rows(gpu, v.atSec).forEach((r, i) => {
      for (const x of [r, this.scopeDelta(i, r)]) {
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
    for (let i = 0; i < SCOPE_CLASSES.length; i++) await this.saveScopes(ctx, i)
  }

  private async saveScopes(ctx: Ctx, i: number) {
    const book = this.scopeBooks[i]
    const deltas = this.scopeDeltas[i]
    for (const id of deltas.keys()) book.want(id)
    await book.load(ctx)
    for (const [id, { row, d }] of deltas) {
      const s = book.getOrCreate(
        id,
        () =>
          new SCOPE_CLASSES[i]({
            id,
            bucketStart: row.bucketStart,
            operator: row.operator,
            sku: row.sku,
            region: row.region,
            ...zero(),
          }),
      )
      for (const k of AMOUNTS) s[k] += d[k]
    }
    deltas.clear()
    await book.save(ctx)
  }
}
