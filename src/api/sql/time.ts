/** Windows and UTC buckets of the analytics (pure: no database, unit-testable). */
export type Bucket = 'HOUR' | 'DAY' | 'WEEK'

export const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** 1970-01-05 was a Monday: weeks are counted from there. */
const MONDAY_MS = 4 * DAY_MS
export const MAX_POINTS = 10_000

export interface Window {
  from: Date
  to: Date
}

/** Length of a bucket in milliseconds. */
export function bucketMs(bucket: Bucket): number {
  return bucket === 'HOUR' ? HOUR_MS : bucket === 'DAY' ? DAY_MS : 7 * DAY_MS
}

/** The start of the UTC bucket holding t (weeks start Monday 00:00 UTC). */
export function bucketStart(bucket: Bucket, t: number): number {
  const size = bucketMs(bucket)
  const origin = bucket === 'WEEK' ? MONDAY_MS : 0
  return t - ((((t - origin) % size) + size) % size)
}

/** The starts of every bucket that meets [from, to), in order. */
export function bucketStarts(bucket: Bucket, w: Window): number[] {
  const out: number[] = []
  const size = bucketMs(bucket)
  for (let t = bucketStart(bucket, w.from.getTime()); t < w.to.getTime(); t += size) out.push(t)
  return out
}

export function ceilHour(t: number): number {
  const f = bucketStart('HOUR', t)
  return f === t ? t : f + HOUR_MS
}

/** null when the window is valid, else why not (with the argument to blame). */
export function checkWindow(w: Window, bucket: Bucket | null): { message: string; argument: string } | null {
  if (Number.isNaN(w.from.getTime())) return { message: 'from is not a valid date', argument: 'from' }
  if (Number.isNaN(w.to.getTime())) return { message: 'to is not a valid date', argument: 'to' }
  if (w.from.getTime() >= w.to.getTime()) {
    return { message: `from (${w.from.toISOString()}) must be before to (${w.to.toISOString()})`, argument: 'from' }
  }
  if (bucket) {
    const size = bucketMs(bucket)
    const n = Math.ceil((w.to.getTime() - bucketStart(bucket, w.from.getTime())) / size)
    if (n > MAX_POINTS) {
      return {
        message: `${n} ${bucket} buckets exceed the limit of ${MAX_POINTS}; use a larger bucket`,
        argument: 'bucket',
      }
    }
  }
  return null
}

/**
 * Splits a window into whole buckets (read from a rollup) and the partial edges around them (read
 * from raw rows): core = [coreFrom, coreTo), edges = [from, coreFrom) and [coreTo, to).
 */
export function rollupCore(bucket: 'HOUR' | 'DAY', w: Window): { coreFrom: number; coreTo: number } {
  const size = bucket === 'HOUR' ? HOUR_MS : DAY_MS
  const from = w.from.getTime()
  const to = w.to.getTime()
  const f = bucketStart(bucket, from)
  const coreFrom = Math.min(f === from ? from : f + size, to)
  const coreTo = Math.max(coreFrom, bucketStart(bucket, to))
  return { coreFrom, coreTo }
}

/** Half-open [from, to) in ms. */
export type Span = [number, number]

/**
 * Splits a window into the cheapest pieces: whole days from a daily rollup (only when `days`),
 * the remaining whole hours from an hourly rollup, and the partial hours at the edges from raw rows.
 * The pieces are disjoint and cover the window exactly; empty spans are left out.
 */
export function rollupTiers(w: Window, days: boolean): { days: Span[]; hours: Span[]; raw: Span[] } {
  const from = w.from.getTime()
  const to = w.to.getTime()
  const { coreFrom: hFrom, coreTo: hTo } = rollupCore('HOUR', w)
  const { coreFrom: dFrom, coreTo: dTo } = days
    ? rollupCore('DAY', { from: new Date(hFrom), to: new Date(hTo) })
    : { coreFrom: hTo, coreTo: hTo }
  const keep = (spans: Span[]) => spans.filter(([a, b]) => a < b)
  return {
    days: keep([[dFrom, dTo]]),
    hours: keep([
      [hFrom, dFrom],
      [dTo, hTo],
    ]),
    raw: keep([
      [from, hFrom],
      [hTo, to],
    ]),
  }
}
