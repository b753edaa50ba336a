/**
 * Code-unit order for ids and addresses. Our ids are lowercase ASCII (kinds, hex, decimal digits),
 * for which it is the order `localeCompare` gives, at a fraction of its cost: an ICU collation per
 * comparison was a large part of sorting a 10,000-node graph.
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
