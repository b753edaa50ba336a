import type { State } from '../state'

/** A chain of the deployment, as the `chains` query names it. */
export interface Chain {
  chainId: number
  name: string
}

/** What a view gets: the URL state, its element, the window as ISO dates. Amounts carry their own asset. */
export interface ViewContext {
  state: State
  el: HTMLElement
  from: string
  to: string
  /** the chain picked in the header (the `chain` of the URL); null: every chain */
  chainId: number | null
  /** every chain of the deployment */
  chains: Chain[]
  /** true once the user moved on: a slow answer must not draw over the next view */
  stale(): boolean
}

export function bucketFor(state: State): 'HOUR' | 'DAY' | 'WEEK' {
  // any case: `bucket=hour` typed into the URL is the hourly series
  const b = String(state.bucket ?? '').toUpperCase()
  return b === 'HOUR' || b === 'WEEK' ? b : 'DAY'
}

/** A small headline number with a label. */
export function stat(label: string, text: string, testid: string, value?: unknown): string {
  const v = value === undefined ? '' : ` data-value="${String(value ?? '')}"`
  return `<div class="stat"><span>${label}</span><b data-testid="${testid}"${v}>${text}</b></div>`
}

export function empty(text: string): string {
  return `<p class="empty" data-testid="empty">${text}</p>`
}

/** The HOUR / DAY / WEEK switch of a series. */
export function bucketButtons(bucket: string): string {
  return `<span class="buckets" role="group" aria-label="bucket">${['HOUR', 'DAY', 'WEEK']
    .map((b) => `<button data-bucket="${b}" class="${b === bucket ? 'on' : ''}">${b.toLowerCase()}</button>`)
    .join('')}</span>`
}

/** Makes the switch move the URL state (and so re-render the view). */
export function wireBucketButtons(el: HTMLElement, go: (patch: Record<string, string>) => void) {
  for (const b of el.querySelectorAll<HTMLButtonElement>('button[data-bucket]'))
    b.onclick = () => go({ bucket: b.dataset.bucket! })
}
