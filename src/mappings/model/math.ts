/** Pure money rules of the model domain (no ORM, so unit tests can import them). */
export const WHOLE_TOKEN = 10n ** 18n

/** Price per whole token of a successful offering: min(raised, target) * 10^18 / tokensForSale. */
export function offeringPrice(raised: bigint, target: bigint, tokensForSale: bigint): bigint {
  return ((raised < target ? raised : target) * WHOLE_TOKEN) / tokensForSale
}

/** A holder's part of a snapshot: floor(balance * claimable / totalSupply). */
export function entitlement(balance: bigint, claimable: bigint, totalSupply: bigint): bigint {
  return (balance * claimable) / totalSupply
}
