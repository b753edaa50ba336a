/**
 * Operator, SKU and region of the fleet's own rollup rows (ScopeHour, ScopeDay, ScopeValuation).
 * No operator address can be `*`, so these rows never mix with a real scope's (docs/processor.md).
 */
export const FLEET = '*'
