import { Gpu, GpuDay, GpuHour } from '../../model'
import type { Ctx } from '../../processor/processor'
import { Book } from '../shared/book'
import { DAY, HOUR, dayStart, hourStart } from '../shared/time'

/**
 * Hourly and daily rollups per GPU, kept at ingestion so analytics read a row per bucket instead of
 * every record. Usage lands in the bucket of its epochStart; revenue in the bucket of its block time.
 * A correction subtracts the replaced record and adds the new one.
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
const SIZES = [
  { cls: GpuHour, start: hourStart, size: HOUR },
  { cls: GpuDay, start: dayStart, size: DAY },
] as const

export class GpuRollups {
  private readonly hours = new Book(GpuHour)
  private readonly days = new Book(GpuDay)

  private book(i: number): Book<Row> {
    return (i === 0 ? this.hours : this.days) as Book<Row>
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
      return this.book(i).getOrCreate(
        `${gpu.id}-${start}`,
        () =>
          new s.cls({
            id: `${gpu.id}-${start}`,
            gpu,
            bucketStart: new Date(start * 1000),
            operator: gpu.operator.id,
            sku: gpu.sku,
            region: gpu.region,
            availableSec: 0n,
            rentedSec: 0n,
            reportedGross: 0n,
            gross: 0n,
            operatorFee: 0n,
            protocolFee: 0n,
            net: 0n,
          }),
      )
    })
  }

  /** sign = 1 adds a usage record, -1 removes one (the record a correction replaces). */
  addUsage(gpu: Gpu, u: UsageAmounts, sign: 1n | -1n) {
    for (const r of this.rows(gpu, u.startSec)) {
      r.availableSec += sign * BigInt(u.availableSec)
      r.rentedSec += sign * BigInt(u.rentedSec)
      r.reportedGross += sign * u.grossRevenue
    }
  }

  addRevenue(gpu: Gpu, v: RevenueAmounts) {
    for (const r of this.rows(gpu, v.atSec)) {
      r.gross += v.gross
      r.operatorFee += v.operatorFee
      r.protocolFee += v.protocolFee
      r.net += v.net
    }
  }

  async save(ctx: Ctx) {
    await this.hours.save(ctx)
    await this.days.save(ctx)
  }
}
