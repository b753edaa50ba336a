import * as abi from '../../abi/inferenceRouter'
import { InferenceRequest, ModelCallerDay, ModelDay, ModelLatencyDay } from '../../model'
import type { Ctx, Log } from '../shared/types'
import type { Accounts } from '../shared/accounts'
import { Book, Tallies } from '../shared/book'
import type { ChainIds } from '../shared/chain'
import { evidenceOf } from '../shared/evidence'
import { type Decoded, type Rejects, decodeEvent } from '../shared/rejects'
import { blockSec, dayStart } from '../shared/time'
import type { ModelTokens } from './tokens'

/**
 * Inference router: paid requests and their fulfilment (latency by block time), with the daily
 * rollup per model (requests, fees, distinct callers, fulfilled) and the latency histogram kept at
 * ingestion. Latency rows are known only once a fulfilment is applied, so they are loaded at save
 * time, like the scope rollups.
 */
type InferenceEvent = Decoded<typeof abi.events>

export class InferenceHandler {
  private readonly requests = new Book(InferenceRequest)
  private readonly days = new Book(ModelDay)
  private readonly callerDays = new Book(ModelCallerDay)
  private readonly latencies = new Tallies(
    ModelLatencyDay,
    (id, d: Omit<ModelLatencyDay, 'id' | 'chainId'>) => new ModelLatencyDay({ id, ...d, requests: 0 }),
    (row, d) => (row.requests += d.requests),
  )

  constructor(
    private readonly chain: ChainIds,
    private readonly rejects: Rejects,
    private readonly accounts: Accounts,
    private readonly tokens: ModelTokens,
  ) {}

  decode(log: Log): InferenceEvent | undefined {
    const d = decodeEvent(this.rejects, log, abi.events)
    if (!d) return
    this.requests.want(this.chain.of(d.e.requestId))
    if (d.name === 'InferenceRequested') {
      const caller = this.accounts.touch(d.e.caller, new Date(log.block.timestamp))
      const day = dayStart(blockSec(log.block.timestamp))
      this.tokens.wantModel(d.e.modelId)
      this.days.want(this.chain.of(`${d.e.modelId}-${day}`))
      this.callerDays.want(this.chain.of(`${d.e.modelId}-${day}-${caller}`))
    }
    return d
  }

  async load(ctx: Ctx) {
    await this.requests.load(ctx)
    // A fulfilment counts in the day of its request, which may be an earlier batch's.
    for (const r of this.requests.values())
      this.days.want(this.chain.of(`${r.modelId}-${dayStart(blockSec(r.blockTime.getTime()))}`))
    await this.days.load(ctx)
    await this.callerDays.load(ctx)
  }

  apply(d: InferenceEvent) {
    const ev = evidenceOf(d.log)
    const reject = (reason: string) => this.rejects.add(d.log, reason, d.name)
    const id = this.chain.of(d.e.requestId)
    const existing = this.requests.get(id)
    if (d.name === 'InferenceRequested') {
      const e = d.e
      if (existing) return reject(`request ${d.e.requestId} already exists`)
      const token = this.tokens.ofModel(e.modelId)
      if (!token) return reject(`model ${e.modelId} has no token`)
      const caller = e.caller.toLowerCase()
      this.requests.put(
        new InferenceRequest({
          id,
          modelId: e.modelId,
          token,
          caller: this.accounts.get(caller),
          fee: e.fee,
          ...ev,
          fulfilled: false,
          outputHash: null,
          fulfilledAt: null,
          fulfilledTxHash: null,
          fulfilledBlockNumber: null,
          fulfilledLogIndex: null,
          latencySec: null,
        }),
      )
      const day = this.day(e.modelId, ev.blockTime)
      day.requests++
      day.fees += e.fee
      const start = dayStart(blockSec(ev.blockTime.getTime()))
      const callerDayId = this.chain.of(`${e.modelId}-${start}-${caller}`)
      const callerDay = this.callerDays.getOrCreate(callerDayId, () => {
        day.callers++
        return new ModelCallerDay({
          id: callerDayId,
          modelId: e.modelId,
          bucketStart: day.bucketStart,
          caller,
          requests: 0,
        })
      })
      callerDay.requests++
      return
    }
    if (!existing) return reject(`request ${d.e.requestId} does not exist`)
    if (existing.fulfilled) return reject(`request ${d.e.requestId} was already fulfilled`)
    existing.fulfilled = true
    existing.outputHash = d.e.outputHash
    existing.fulfilledAt = ev.blockTime
    existing.fulfilledTxHash = ev.txHash
    existing.fulfilledBlockNumber = ev.blockNumber
    existing.fulfilledLogIndex = ev.logIndex
    existing.latencySec = Math.round((ev.blockTime.getTime() - existing.blockTime.getTime()) / 1000)
    this.requests.put(existing)
    const day = this.day(existing.modelId, existing.blockTime)
    day.fulfilled++
    const latencySec = existing.latencySec
    this.latencies.change(`${day.id}-${latencySec}`, () => ({
      modelId: existing.modelId,
      bucketStart: day.bucketStart,
      latencySec,
      requests: 0,
    })).requests++
  }

  private day(modelId: bigint, at: Date): ModelDay {
    const start = dayStart(blockSec(at.getTime()))
    const id = this.chain.of(`${modelId}-${start}`)
    return this.days.getOrCreate(
      id,
      () =>
        new ModelDay({
          id,
          modelId,
          bucketStart: new Date(start * 1000),
          requests: 0,
          fees: 0n,
          callers: 0,
          fulfilled: 0,
        }),
    )
  }

  async save(ctx: Ctx) {
    await this.requests.save(ctx)
    await this.days.save(ctx)
    await this.callerDays.save(ctx)
    await this.latencies.save(ctx)
  }
}
