import type { State } from '../state'

/** What a view gets: the URL state, its element, the window as ISO dates, the asset decimals. */
export interface ViewContext {
  state: State
  el: HTMLElement
  from: string
  to: string
  decimals: number
  /** true once the user moved on: a slow answer must not draw over the next view */
  stale(): boolean
}

export function bucketFor(state: State): 'HOUR' | 'DAY' | 'WEEK' {
  return state.bucket === 'HOUR' || state.bucket === 'WEEK' ? state.bucket : 'DAY'
}

/** A small headline number with a label. */
export function stat(label: string, text: string, testid: string, value?: unknown): string {
  const v = value === undefined ? '' : ` data-value="${String(value ?? '')}"`
  return `<div class="stat"><span>${label}</span><b data-testid="${testid}"${v}>${text}</b></div>`
}

export function empty(text: string): string {
  return `<p class="empty" data-testid="empty">${text}</p>`
}
