/** Seeded PRNG (mulberry32): the demo must produce the same chain for the same seed. */
export class Rng {
  private s: number
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  /** A bytes32 that depends only on the seed sequence. */
  bytes32(): `0x${string}` {
    let h = '0x'
    for (let i = 0; i < 8; i++)
      h += Math.floor(this.next() * 2 ** 32)
        .toString(16)
        .padStart(8, '0')
    return h as `0x${string}`
  }
}
