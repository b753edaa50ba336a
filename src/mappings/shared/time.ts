/** UTC bucket starts (unix seconds) for rollups: hours and days. Pure, so unit-testable without the ORM. */
export const HOUR = 3600
export const DAY = 86400

export function hourStart(unixSec: number): number {
  return unixSec - (((unixSec % HOUR) + HOUR) % HOUR)
}

export function dayStart(unixSec: number): number {
  return unixSec - (((unixSec % DAY) + DAY) % DAY)
}

/** Block timestamps from the SDK are milliseconds. */
export const blockSec = (ms: number) => Math.floor(ms / 1000)

/** Largest unix second Postgres and JS dates both hold comfortably (9999-12-31T23:59:59Z). */
export const MAX_UNIX_SEC = 253402300799n

/** A uint64 unix time from a log as a Date, or undefined when it is past year 9999 (malformed input). */
export function unixToDate(sec: bigint): Date | undefined {
  return sec <= MAX_UNIX_SEC ? new Date(Number(sec) * 1000) : undefined
}
