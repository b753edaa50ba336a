/** Pure helpers of the vault domain (no ORM, so unit tests can import them). */
/**
 * The price of one share in asset units, as a wallet shows it (docs/metrics.md, "Vault yield"):
 * (totalAssets / 10^assetDecimals) / (totalSupply / 10^shareDecimals), null while the supply is 0.
 * Computed on integers scaled by 10^18 first, so amounts beyond 2^53 keep their leading digits exact.
 */
export function pricePerShare(
  totalAssets: bigint,
  totalSupply: bigint,
  assetDecimals = 18,
  shareDecimals = 18,
): number | null {
  if (totalSupply === 0n) return null
  const SCALE = 10n ** 18n
  const q = (totalAssets * SCALE * 10n ** BigInt(shareDecimals)) / (totalSupply * 10n ** BigInt(assetDecimals))
  return Number(q) / 1e18
}
