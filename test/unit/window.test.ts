import { ratio } from '../../src/api/analytics/rates'
import { bucketStart, bucketStarts, ceilHour, checkWindow, rollupTiers } from '../../src/api/sql/time'

const t = (s: string) => Date.parse(s)

describe('analytics windows', () => {
  it('start weeks on Monday 00:00 UTC', () => {
    expect(bucketStart('WEEK', t('2026-09-13T23:59:59Z'))).toBe(t('2026-09-07T00:00:00Z')) // a Sunday
    expect(bucketStart('WEEK', t('2026-09-14T00:00:00Z'))).toBe(t('2026-09-14T00:00:00Z'))
  })
  it('list every bucket meeting the window, the first one starting before `from`', () => {
    const w = { from: new Date('2026-09-07T10:30:00Z'), to: new Date('2026-09-09T00:00:00Z') }
    expect(bucketStarts('DAY', w)).toEqual([t('2026-09-07T00:00:00Z'), t('2026-09-08T00:00:00Z')])
    expect(ceilHour(t('2026-09-07T10:30:00Z'))).toBe(t('2026-09-07T11:00:00Z'))
    expect(ceilHour(t('2026-09-07T10:00:00Z'))).toBe(t('2026-09-07T10:00:00Z'))
  })
  it('refuse empty or reversed windows and too many points', () => {
    const d = (s: string) => new Date(s)
    expect(checkWindow({ from: d('2026-01-02'), to: d('2026-01-01') }, null)?.argument).toBe('from')
    expect(checkWindow({ from: d('2020-01-01'), to: d('2026-01-01') }, 'HOUR')?.argument).toBe('bucket')
    expect(checkWindow({ from: d('2020-01-01'), to: d('2026-01-01') }, 'DAY')).toBeNull()
  })
  it('give null, not 0 or NaN, for a zero denominator', () => {
    expect(ratio(0n, 0n)).toBeNull()
    expect(ratio(1n, 4n)).toBe(0.25)
  })
  it('split a window into whole days, whole hours and raw edges that cover it exactly', () => {
    const w = { from: new Date('2026-09-07T10:30:00Z'), to: new Date('2026-09-10T05:15:00Z') }
    expect(rollupTiers(w, true)).toEqual({
      days: [[t('2026-09-08T00:00:00Z'), t('2026-09-10T00:00:00Z')]],
      hours: [
        [t('2026-09-07T11:00:00Z'), t('2026-09-08T00:00:00Z')],
        [t('2026-09-10T00:00:00Z'), t('2026-09-10T05:00:00Z')],
      ],
      raw: [
        [t('2026-09-07T10:30:00Z'), t('2026-09-07T11:00:00Z')],
        [t('2026-09-10T05:00:00Z'), t('2026-09-10T05:15:00Z')],
      ],
    })
    // without days: every whole hour from the hourly rollup
    expect(rollupTiers(w, false).hours).toEqual([[t('2026-09-07T11:00:00Z'), t('2026-09-10T05:00:00Z')]])
    // inside one hour: raw rows only
    const short = { from: new Date('2026-09-07T10:10:00Z'), to: new Date('2026-09-07T10:20:00Z') }
    expect(rollupTiers(short, true)).toEqual({
      days: [],
      hours: [],
      raw: [[t('2026-09-07T10:10:00Z'), t('2026-09-07T10:20:00Z')]],
    })
    // aligned to days: one day span, nothing else
    const aligned = { from: new Date('2026-09-07T00:00:00Z'), to: new Date('2026-09-14T00:00:00Z') }
    expect(rollupTiers(aligned, true)).toEqual({
      days: [[t('2026-09-07T00:00:00Z'), t('2026-09-14T00:00:00Z')]],
      hours: [],
      raw: [],
    })
  })
})
