import { In } from 'typeorm'
import * as abi from '../../abi/computeLedger'
import { Gpu, RevenueDistribution, UsageRecord, UsageReport } from '../../model'
import type { Ctx, Log } from '../shared/types'
import type { Accounts } from '../shared/accounts'
import type { ChainIds } from '../shared/chain'
import { evidenceOf } from '../shared/evidence'
import { type Decoded, type Rejects, decodeEvent } from '../shared/rejects'
import { Appends, Book } from '../shared/book'
import { insertRows, upsertRows } from '../shared/write'
import { blockSec, MAX_UNIX_SEC, unixToDate } from '../shared/time'
import type { GpuRollups } from './rollups'

/**
 * Compute ledger: usage per GPU epoch (a later report for the same epoch is a correction that replaces
 * the record; every report is kept, superseded ones flagged) and revenue distributions.
 */
type LedgerEvent = Decoded<typeof abi.events>

export class ComputeLedgerHandler {
  private readonly records = new Book(UsageRecord)
  private readonly reports = new Map<string, UsageReport>()
  private readonly supersededEarlier = new Set<string>()
  private readonly distributions = new Appends<RevenueDistribution>()

  constructor(
    private readonly chain: ChainIds,
    private readonly rejects: Rejects,
    private readonly accounts: Accounts,
    private readonly gpus: Book<Gpu>,
    private readonly rollups: GpuRollups,
  ) {}

  decode(log: Log): LedgerEvent | undefined {
    const d = decodeEvent(this.rejects, log, abi.events)
    if (!d) return
    const gpuId = this.chain.of(d.e.gpuId)
    this.gpus.want(gpuId)
    if (d.name === 'UsageReported') {
      this.records.want(this.recordId(d.e.gpuId, d.e.epoch))
      if (d.e.epochStart <= MAX_UNIX_SEC) this.rollups.want(gpuId, Number(d.e.epochStart))
    } else {
      this.accounts.touch(d.e.beneficiary, new Date(log.block.timestamp))
      this.rollups.want(gpuId, blockSec(log.block.timestamp))
    }
    return d
  }

  async load(ctx: Ctx) {
    await this.records.load(ctx)
    // A correction will take a record out of its bucket, which may differ from the new one's.
    for (const r of this.records.values()) this.rollups.want(r.id.split('-')[0], blockSec(r.epochStart.getTime()))
  }

  private recordId(gpuId: bigint, epoch: bigint): string {
    return this.chain.of(`${gpuId}-${epoch}`)
  }

  /** Id of the report a record currently holds: its evidence is that report's log. */
  private reportIdOf(r: UsageRecord): string {
    return this.chain.eventAt(r.blockNumber, r.logIndex)
  }

  apply(d: LedgerEvent) {
    const ev = evidenceOf(d.log)
    const gpu = this.gpus.get(this.chain.of(d.e.gpuId))
    if (!gpu) return this.rejects.add(d.log, `GPU ${d.e.gpuId} was never registered`, d.name)
    if (d.name === 'UsageReported') {
      const e = d.e
      if (e.rentedSec > e.availableSec)
        return this.rejects.add(d.log, `rentedSec ${e.rentedSec} > availableSec ${e.availableSec}`, d.name)
      if (e.availableSec > e.epochLength)
        return this.rejects.add(d.log, `availableSec ${e.availableSec} > epochLength ${e.epochLength}`, d.name)
      const epochStart = unixToDate(e.epochStart)
      if (!epochStart) return this.rejects.add(d.log, `epochStart ${e.epochStart} is not a plausible unix time`, d.name)
      const id = this.recordId(e.gpuId, e.epoch)
      const previous = this.records.get(id)
      if (previous) {
        this.rollups.addUsage(gpu, usageOf(previous), -1n)
        const prevReport = this.reports.get(this.reportIdOf(previous))
        if (prevReport) prevReport.superseded = true
        else this.supersededEarlier.add(this.reportIdOf(previous))
      }
      const record = new UsageRecord({
        id,
        gpu,
        epoch: e.epoch,
        epochStart,
        epochLength: e.epochLength,
        availableSec: e.availableSec,
        rentedSec: e.rentedSec,
        grossRevenue: e.grossRevenue,
        asset: e.asset.toLowerCase(),
        reports: (previous?.reports ?? 0) + 1,
        ...ev,
      })
      this.records.put(record)
      this.rollups.addUsage(gpu, usageOf(record), 1n)
      const reportId = this.chain.event(d.log)
      this.reports.set(
        reportId,
        new UsageReport({
          id: reportId,
          record,
          gpu,
          epoch: e.epoch,
          availableSec: e.availableSec,
          rentedSec: e.rentedSec,
          grossRevenue: e.grossRevenue,
          superseded: false,
          ...ev,
        }),
      )
      return
    }
    const e = d.e
    if (e.operatorFee + e.protocolFee + e.net !== e.gross) {
      return this.rejects.add(
        d.log,
        `gross ${e.gross} != operatorFee ${e.operatorFee} + protocolFee ${e.protocolFee} + net ${e.net}`,
        d.name,
      )
    }
    this.distributions.push(
      new RevenueDistribution({
        id: this.chain.event(d.log),
        gpu,
        epoch: e.epoch,
        beneficiary: this.accounts.get(e.beneficiary.toLowerCase()),
        asset: e.asset.toLowerCase(),
        gross: e.gross,
        operatorFee: e.operatorFee,
        protocolFee: e.protocolFee,
        net: e.net,
        ...ev,
      }),
    )
    this.rollups.addRevenue(gpu, { atSec: blockSec(d.log.block.timestamp), ...e })
  }

  async save(ctx: Ctx) {
    await this.records.save(ctx)
    // Reports of earlier batches that this batch corrected: one load, then one write with the new reports.
    const earlier = this.supersededEarlier.size
      ? await ctx.store.findBy(UsageReport, { id: In([...this.supersededEarlier]) })
      : []
    for (const r of earlier) r.superseded = true
    // this batch's reports are new rows (a plain insert); only the earlier ones change
    await insertRows(ctx, [...this.reports.values()])
    await upsertRows(ctx, earlier)
    await this.distributions.save(ctx)
  }
}

function usageOf(r: UsageRecord) {
  return {
    startSec: blockSec(r.epochStart.getTime()),
    availableSec: r.availableSec,
    rentedSec: r.rentedSec,
    grossRevenue: r.grossRevenue,
  }
}
