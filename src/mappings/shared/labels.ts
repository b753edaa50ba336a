/** bytes32 label -> string: ASCII right-padded with NULs (EVENTS.md conventions). */
export function bytes32ToLabel(hex: string): string {
  const bytes = Buffer.from(hex.slice(2), 'hex')
  let end = bytes.length
  while (end > 0 && bytes[end - 1] === 0) end--
  return bytes.subarray(0, end).toString('latin1')
}

/** Text from a log, made storable: Postgres text cannot hold NUL characters. */
export function cleanText(s: string): string {
  return s.includes('\u0000') ? s.replace(/\u0000/g, '') : s
}
