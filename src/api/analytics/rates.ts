/**
 * Every rate the API serves, as docs/metrics.md defines it: one module, so a formula is written
 * once. Amounts come in exact (bigint); only the final dimensionless rates are floats.
 */
/** A ratio whose denominator is zero is null (docs/metrics.md), never 0 or NaN. */
export function ratio(num: bigint, den: bigint): number | null {
  return den === 0n ? null : Number(num) / Number(den)
}

export const YEAR_DAYS = 365

/**
 * GPU APR (docs/metrics.md): net / Σ (avgValuation · days) · 365, where Σ (avgValuation · days) is the
 * integral of the valuation over the active window in asset-seconds / 86400. null: no capital at work.
 */
export function gpuApr(net: bigint, valuationSeconds: number): number | null {
  const capitalDays = valuationSeconds / 86400
  return capitalDays > 0 ? (Number(net) / capitalDays) * YEAR_DAYS : null
}

/** Daily compounding of an APR (docs/metrics.md): (1 + apr/365)^365 - 1. */
export function apyOf(apr: number | null): number | null {
  return apr == null ? null : Math.pow(1 + apr / YEAR_DAYS, YEAR_DAYS) - 1
}

/** A vault's rates from its price per share at the window's edges (docs/metrics.md, "Vault yield"). */
export function vaultRates(
  ppsStart: number | null,
  ppsEnd: number | null,
  days: number,
): { apr: number | null; apy: number | null } {
  if (ppsStart == null || ppsEnd == null || ppsStart <= 0 || days <= 0) return { apr: null, apy: null }
  const r = ppsEnd / ppsStart
  return { apr: ((r - 1) * YEAR_DAYS) / days, apy: Math.pow(r, YEAR_DAYS / days) - 1 }
}

/** A model token's APR on its offering price (docs/metrics.md, "Model tokens"); null without a price. */
export function tokenApr(revenuePerToken: bigint, price: bigint | null, days: number): number | null {
  return price != null && price > 0n ? (Number(revenuePerToken) / Number(price)) * (YEAR_DAYS / days) : null
}
