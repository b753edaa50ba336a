/** View state lives in the query string, so every view is a shareable URL. */
export type State = Record<string, string>

export function readState(): State {
  return Object.fromEntries(new URLSearchParams(location.search).entries())
}

export function urlOf(state: State): string {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(state)) if (v != null && v !== '') p.set(k, v)
  return `${location.pathname}?${p.toString()}`
}

let onChange: (s: State) => void = () => {}

export function listen(f: (s: State) => void) {
  onChange = f
  window.addEventListener('popstate', () => onChange(readState()))
}

/** Moves to a new state (merged into the current one unless `replace`), re-rendering the view. */
export function go(patch: State, replace = false) {
  const next = replace ? patch : { ...readState(), ...patch }
  for (const k of Object.keys(next)) if (next[k] === '') delete next[k]
  history.pushState(null, '', urlOf(next))
  onChange(readState())
}
