/**
 * bytes32 label -> string: ASCII right-padded with NULs (docs/interface.md, conventions). null when the
 * label is not that (a NUL inside, or a byte above 0x7f): the caller rejects the log.
 */
export function bytes32ToLabel(hex: string): string | null {
  const bytes = Buffer.from(hex.slice(2), 'hex')
  let end = bytes.length
  while (end > 0 && bytes[end - 1] === 0) end--
  const content = bytes.subarray(0, end)
  if (content.some((b) => b === 0 || b > 0x7f)) return null
  return content.toString('latin1')
}

/** Text from a log, made storable: Postgres text cannot hold NUL characters. */
export function cleanText(s: string): string {
  return s.includes('\u0000') ? s.replace(/\u0000/g, '') : s
}
