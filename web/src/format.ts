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
  // a non-zero amount too small for the digits shown must not read as zero (2 base units: "< 0.01")
  if (rounded === 0n && v !== 0n) {
    const least = digits ? `0.${'1'.padStart(digits, '0')}` : '1'
    return neg ? `> -${least}` : `< ${least}`
  }
  const whole = (rounded / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const frac = digits ? `.${(rounded % scale).toString().padStart(digits, '0')}` : ''
  return `${neg ? '-' : ''}${whole}${frac}`
}

/** What a view knows of an asset: from the API's `…Info` fields. */
export interface AssetUnits {
  symbol: string | null
  decimals: number | null
}

/**
 * An amount in its asset's units with its symbol (`1,234.50 USDC`); raw base units when the asset's
 * decimals are unknown, so nothing is ever shown scaled by a guess.
 */
export function money(raw: string | null | undefined, asset: AssetUnits | null | undefined, digits = 2): string {
  if (raw == null) return '—'
  if (asset?.decimals == null) return `${raw.replace(/\B(?=(\d{3})+(?!\d))/g, ',')} base units`
  const text = units(raw, asset.decimals, digits)
  return asset.symbol ? `${text} ${asset.symbol}` : text
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

/**
 * On-chain text is whatever a contract emitted: a token named `safe\u202Egpj.exe` displays as
 * "safeexe.jpg". Control, format (bidirectional overrides, zero-width) and other invisible
 * characters are shown as visible marks instead: ⟨U+202E⟩.
 */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]/g

export function visible(s: string): string {
  return s.replace(INVISIBLE, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`)
}

/** On-chain text as HTML: invisible characters made visible, cut at `max` characters with the whole value on hover. */
export function text(s: string | null | undefined, max = 48): string {
  const v = [...visible(String(s ?? ''))]
  if (v.length <= max) return esc(v.join(''))
  return `<span class="cut" title="${esc(v.join(''))}">${esc(v.slice(0, max).join(''))}…</span>`
}

/** The network's block explorer (the network file's explorerUrl, served by indexerStatus), if any. */
let explorer: string | null = null
export function setExplorer(url: string | null): void {
  explorer = url && /^https?:\/\//.test(url) ? url.replace(/\/+$/, '') : null
}

/** `shown` (HTML) as a link to the explorer's page of a transaction or an address, when there is an explorer. */
export function explorerLink(kind: 'tx' | 'address', hexId: string, shown: string): string {
  if (!explorer || !/^0x[0-9a-fA-F]+$/.test(hexId)) return shown
  return `<a class="explorer" href="${esc(`${explorer}/${kind}/${hexId}`)}" target="_blank" rel="noopener noreferrer" title="${esc(hexId)} in the explorer">${shown}</a>`
}

/** 1, 2 and 5 times each power of ten from 1e-9 to 1e12: ticks people read at a glance */
export const ROUND_STEPS = Array.from({ length: 22 }, (_, i) => 10 ** (i - 9)).flatMap((p) => [p, 2 * p, 5 * p])

/** A tick label with just the digits its step needs (a 0.5 % step shows 72.5 %, a 5 % step 70 %). */
export function formatTick(v: number, step: number, unit: 'percent' | 'hours' | 'plain'): string {
  const scaled = unit === 'percent' ? 100 : 1
  const digits = Math.max(0, Math.min(12, -Math.floor(Math.log10(step * scaled) + 1e-9)))
  // zero reads as 0 on any step (not 0.00000), and never as -0
  const text = Math.abs(v) < step / 2 ? '0' : (v * scaled).toFixed(digits)
  return unit === 'percent' ? `${text}%` : unit === 'hours' ? `${text}h` : text
}

/** A value as the legend shows it: a little more precise than the ticks. */
export function formatValue(v: number, unit: 'percent' | 'hours' | 'plain'): string {
  if (unit === 'percent') return `${(v * 100).toFixed(2)}%`
  if (unit === 'hours') return `${v.toFixed(1)}h`
  return Math.abs(v) >= 1 ? v.toFixed(4) : v.toPrecision(4)
}

/**
 * A bytes32 id as a person can tell it apart: ids that are ASCII text padded with zeros (as
 * `bytes32("llama-garden-8b@chat")` is) show that text, other ids their short hex.
 */
/** The id an item has on its chain, from a typed node id (`gpu:8453:12`) or an opaque one (`8453:12`). */
export function localId(id: string): string {
  return id.replace(/^([a-z]+:)?\d+:/, '')
}

export function idLabel(hex: string): string {
  const m = /^0x((?:[0-9a-f]{2})+?)((?:00)*)$/i.exec(hex)
  if (m && hex.length === 66 && m[2].length > 0) {
    const bytes = m[1].match(/../g)!.map((b) => parseInt(b, 16))
    if (bytes.every((b) => b >= 0x20 && b < 0x7f)) return visible(String.fromCharCode(...bytes))
  }
  return short(hex)
}
