/** Formatting shared by every view (the browser test formats API values with the same functions). */
export function pct(x: number | null | undefined, digits = 2): string {
  return x == null ? '—' : `${(x * 100).toFixed(digits)}%`
}

/** An exact base-unit amount (decimal string) shown in whole units with `decimals`, no float on the way. */
export function units(raw: string | null | undefined, decimals: number, digits = 2): string {
  if (raw == null) return '—'
  const neg = raw.startsWith('-')
  const v = BigInt(neg ? raw.slice(1) : raw)
  const base = 10n ** BigInt(decimals)
  const scale = 10n ** BigInt(digits)
  const rounded = (v * scale + base / 2n) / base
  const whole = (rounded / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const frac = digits ? `.${(rounded % scale).toString().padStart(digits, '0')}` : ''
  return `${neg ? '-' : ''}${whole}${frac}`
}

export function num(x: number | null | undefined, digits = 4): string {
  return x == null ? '—' : x.toFixed(digits)
}

export function day(iso: string): string {
  return iso.slice(0, 10)
}

export function short(hex: string): string {
  return hex.length > 14 ? `${hex.slice(0, 8)}…${hex.slice(-4)}` : hex
}

export function esc(s: unknown): string {
  return String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )
}
