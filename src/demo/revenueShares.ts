import { TOKEN } from './economy'
import type { World } from './world'

/**
 * A standalone ERC-7641 token (no factory, listed in the network file): shares of a model's revenue,
 * paid to it in native coin. Holders from day 0, revenue every day, a snapshot every third day,
 * claims the day after (one holder uses claimBatch, one never claims, so its entitlements expire two
 * snapshots later), a transfer and a burn.
 */
export function revenueShares(w: World) {
  const { chain, rng, at, admin, treasury, investors, d } = w
  const { shares } = w.c
  const holders = investors.slice(0, 5)
  let snapshots = 0n

  async function day(day: number) {
    if (day === 0) {
      for (const [i, amount] of [200_000n, 150_000n, 100_000n, 50_000n].entries())
        await shares.call(admin, 'transfer', [holders[i], amount * TOKEN])
    }
    if (day >= 1) {
      // inference revenue, forwarded as native coin (a plain transfer: no log)
      await chain.send(treasury, d.revenueToken, { value: BigInt(rng.int(5, 30)) * 10n ** 17n })
    }
    if (day === 4) await shares.call(holders[0], 'transfer', [holders[4], 20_000n * TOKEN])
    if (day === 5) await shares.call(holders[3], 'burn', [10_000n * TOKEN])
    if (snapshots > 0n && day % 3 === 1) {
      await shares.call(holders[0], 'claim', [snapshots])
      await shares.call(holders[1], 'claimBatch', [[snapshots]])
    }
    await chain.mine(at(day, 23))
    if (day % 3 === 0 && day > 0) {
      await shares.call(admin, 'snapshot')
      snapshots++
      await chain.mine(at(day, 23) + 1800)
    }
  }
  return { day }
}
