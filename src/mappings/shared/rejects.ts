import { RejectedEvent } from '../../model'
import type { Ctx, Log } from '../../processor/processor'
import { evidenceOf, eventId } from './evidence'

/** Collects the logs of a batch that break the spec; they are stored with a reason and logged as warnings. */
export class Rejects {
  readonly rows: RejectedEvent[] = []

  constructor(private readonly ctx: Ctx) {}

  add(log: Log, reason: string, eventName?: string) {
    const row = new RejectedEvent({
      id: eventId(log),
      address: log.address,
      topic0: log.topics[0] ?? null,
      eventName: eventName ?? null,
      reason,
      ...evidenceOf(log),
    })
    this.rows.push(row)
    this.ctx.log.warn(
      { block: log.block.height, logIndex: log.logIndex, address: log.address, event: eventName },
      `rejected log: ${reason}`,
    )
  }
}

/** Decodes a log, turning a decoding failure into a rejection. */
export function tryDecode<T>(rejects: Rejects, log: Log, eventName: string, decode: (log: Log) => T): T | undefined {
  try {
    return decode(log)
  } catch (e: any) {
    rejects.add(
      log,
      `cannot decode as ${eventName}: ${String(e?.message ?? e)
        .split('\n')[0]
        .slice(0, 200)}`,
      eventName,
    )
    return undefined
  }
}
