import { RejectedEvent } from '../../model'
import type { Ctx, Log } from './types'
import type { ChainIds } from './chain'
import { evidenceOf } from './evidence'

/** Collects the logs of a batch that break the spec; they are stored with a reason and logged as warnings. */
export class Rejects {
  readonly rows: RejectedEvent[] = []

  constructor(
    private readonly ctx: Ctx,
    private readonly chain: ChainIds,
  ) {}

  add(log: Log, reason: string, eventName?: string) {
    const row = new RejectedEvent({
      id: this.chain.event(log),
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

interface EventCodec {
  topic: string
  decode(log: Log): any
}

/** A decoded log of one of `events`, tagged with its event name. */
export type Decoded<T extends Record<string, EventCodec>> = {
  [K in keyof T & string]: { name: K; log: Log; e: ReturnType<T[K]['decode']> }
}[keyof T & string]

/** Finds the event of `events` with the log's topic0 and decodes it; undecodable logs are rejected. */
export function decodeEvent<T extends Record<string, EventCodec>>(
  rejects: Rejects,
  log: Log,
  events: T,
): Decoded<T> | undefined {
  for (const name of Object.keys(events)) {
    const codec = events[name]
    if (codec.topic !== log.topics[0]) continue
    const e = tryDecode(rejects, log, name, (l) => codec.decode(l))
    return e === undefined ? undefined : ({ name, log, e } as Decoded<T>)
  }
  return undefined
}
