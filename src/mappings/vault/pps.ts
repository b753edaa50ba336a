/** Pure helpers of the vault domain (no ORM, so unit tests can import them). */
/**
 * totalAssets / totalSupply as a float, null while the supply is 0. Both are scaled down together
 * first so amounts beyond 2^53 keep their leading digits exact.
 */
export function pricePerShare(totalAssets: bigint, totalSupply: bigint): number | null {
  if (totalSupply === 0n) return null
  const SCALE = 10n ** 18n
  const q = (totalAssets * SCALE) / totalSupply
  return Number(q) / 1e18
}
