import type { Ctx, Log, Transaction } from './types'

/**
 * How the batch handler (src/processor/handler.ts) drives the mappings. A batch runs in phases,
 * each a loop over the domains of src/mappings/index.ts in their write order:
 *   prepare → route + decode every log (no database) → load (one query per entity type)
 *   → apply the events in chain order (in memory) → settle → save (one write per table).
 */

/** The mapping of one contract role: decodes its logs and applies them to the domain's books. */
export interface Handler<E> {
  /** the log's event, noting what to load; undefined when the log is rejected (or ignored) */
  decode(log: Log): E | undefined
  apply(event: E): void
}

/** The mapping of the transactions of a contract role (ERC-7641 tokens: their claims, burns and revenue). */
export interface TxHandler<E> {
  /** the transaction's meaning, noting what to load; undefined when it means nothing to us */
  decodeTransaction(tx: Transaction): E | undefined
  apply(event: E): void
}

/** One domain of the economy: the handlers of its contract roles and the tables they share. */
export interface Domain {
  readonly name: string
  /** before decoding: reads that deciding which logs are ours needs (the factory's tokens) */
  prepare?(ctx: Ctx): Promise<void>
  /** the handler of a log's emitter, or undefined when the log is not this domain's */
  route(log: Log): Handler<unknown> | undefined
  /** the handler of a transaction the processor fetched for this domain */
  routeTransaction?(tx: Transaction): TxHandler<unknown> | undefined
  /** `mark(part)` charges the time so far to one of its parts, for the profile (DEAI_PROFILE) */
  load(ctx: Ctx, mark?: (part: string) => void): Promise<void>
  /** after every event of the batch: rules over the whole batch (late resolution, orphaned mints) */
  settle?(ctx: Ctx): Promise<void>
  save(ctx: Ctx, mark?: (part: string) => void): Promise<void>
}
