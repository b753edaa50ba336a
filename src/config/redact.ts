/**
 * A connection URL fit for logs: the password (if any) replaced by `***`. Anything that is not a
 * URL with a host (so where a password would sit is unclear) is hidden whole.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (!u.host) throw new Error('no host')
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(connection URL hidden)'
  }
}
