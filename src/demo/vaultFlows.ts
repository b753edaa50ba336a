import { USD } from './economy'
import type { World } from './world'

/**
 * The financing vault (OpenZeppelin's ERC-4626): deposits early on, GPU repayments paid into it as
 * plain dUSD transfers every day (no event of the vault: the indexer reads its state), withdrawals mid-way.
 */
export function financingVault(w: World) {
  const { chain, rng, at, size, investors, treasury } = w
  const { vault, usd } = w.c
  async function day(day: number) {
    // 06:00 the vault: deposits early on, a daily yield accrual from GPU repayments, withdrawals late.
    if (day === 0 || day === 2 || day === 5) {
      for (const i of investors.slice(day, day + 3))
        await vault.call(i, 'deposit', [BigInt(rng.int(5_000, 50_000)) * USD, i])
    }
    if (day >= 1) await usd.call(treasury, 'transfer', [w.d.gpuVault, BigInt(rng.int(20, 40)) * USD])
    if (day === Math.floor(size.days / 2)) {
      await vault.call(investors[0], 'withdraw', [1_000n * USD, investors[0], investors[0]])
      await vault.call(investors[1], 'redeem', [1_000n * USD, investors[1], investors[1]])
    }
    await chain.mine(at(day, 6))
  }
  return { day }
}
