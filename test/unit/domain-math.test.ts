import { DerivationGraph } from '../../src/mappings/data/graph'
import { entitlement, offeringPrice } from '../../src/mappings/model/math'
import { dayStart, hourStart, unixToDate } from '../../src/mappings/shared/time'
import { pricePerShare } from '../../src/mappings/vault/pps'

describe('rollup buckets', () => {
  it('align to UTC hours and days', () => {
    const t = Date.UTC(2026, 8, 7, 13, 45, 10) / 1000
    expect(hourStart(t)).toBe(Date.UTC(2026, 8, 7, 13) / 1000)
    expect(dayStart(t)).toBe(Date.UTC(2026, 8, 7) / 1000)
    expect(dayStart(Date.UTC(2026, 8, 7) / 1000)).toBe(Date.UTC(2026, 8, 7) / 1000)
  })
  it('refuse times past year 9999 instead of making an invalid date', () => {
    expect(unixToDate(2n ** 64n - 1n)).toBeUndefined()
    expect(unixToDate(86400n)?.toISOString()).toBe('1970-01-02T00:00:00.000Z')
  })
})

describe('money rules', () => {
  it('price an oversubscribed offering at target / tokensForSale per whole token', () => {
    // 130,000 dUSD raised for a 100,000 target, 400,000 tokens for sale: 0.25 dUSD = 250,000 units
    expect(offeringPrice(130_000_000_000n, 100_000_000_000n, 400_000n * 10n ** 18n)).toBe(250_000n)
    // under target: the raise itself
    expect(offeringPrice(50_000_000_000n, 60_000_000_000n, 100_000n * 10n ** 18n)).toBe(500_000n)
  })
  it('round entitlements down', () => {
    expect(entitlement(1n, 10n, 3n)).toBe(3n) // 10/3 = 3.33
    expect(entitlement(2n, 10n, 3n)).toBe(6n) // 20/3 = 6.67
  })
  it('price shares as totalAssets / totalSupply, also for amounts past 2^53, and null on an empty vault', () => {
    expect(pricePerShare(0n, 0n)).toBeNull()
    expect(pricePerShare(3n * 10n ** 30n, 2n * 10n ** 30n)).toBe(1.5)
    expect(pricePerShare(1_000_000_123n, 1_000_000_000n)).toBeCloseTo(1.000000123, 15)
  })
})

describe('derivation graph', () => {
  it('finds the cycle an edge would close, through several generations', () => {
    const g = new DerivationGraph()
    g.add('c', 'b') // c derived from b
    g.addId('b-a')
    expect(g.reaches('c', 'a')).toBe(true) // a is an ancestor of c: a -> c would close a cycle
    expect(g.reaches('a', 'c')).toBe(false)
    expect(g.has('b', 'a')).toBe(true)
  })
})
