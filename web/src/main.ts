import { gql } from './api'
import { esc, setExplorer } from './format'
import { go, listen, readState, type State } from './state'
import { computeView } from './views/compute'
import { gpuView } from './views/gpu'
import { modelsView } from './views/models'
import { provenanceView } from './views/provenance'
import { vaultsView } from './views/vaults'
import type { ViewContext } from './views/view'

/** The shell: tabs, the date window (both in the URL), and the view of the current state. */
const VIEWS: Record<string, { title: string; tab: boolean; render: (ctx: ViewContext) => Promise<void> }> = {
  compute: { title: 'Compute', tab: true, render: computeView },
  gpu: { title: 'GPU', tab: false, render: gpuView },
  vaults: { title: 'Vaults', tab: true, render: vaultsView },
  models: { title: 'Models', tab: true, render: modelsView },
  provenance: { title: 'Provenance', tab: true, render: provenanceView },
}

const $ = <T extends HTMLElement>(sel: string) => document.querySelector(sel) as T

/** The default window: the days that have usage records (the whole indexed history). */
async function defaultWindow(): Promise<{ from: string; to: string }> {
  const d = await gql(`{
    first: usageRecords(first: 1, orderBy: EPOCH_START, direction: ASC) { nodes { epochStart } }
    last: usageRecords(first: 1, orderBy: EPOCH_START, direction: DESC) { nodes { epochStart } }
  }`)
  const a = d.first.nodes[0]?.epochStart
  const b = d.last.nodes[0]?.epochStart
  if (!a || !b) {
    const today = new Date().toISOString().slice(0, 10)
    return { from: new Date(Date.now() - 30 * 86400_000).toISOString().slice(0, 10), to: today }
  }
  return { from: a.slice(0, 10), to: new Date(Date.parse(b) + 86400_000).toISOString().slice(0, 10) }
}

let renderSeq = 0

async function render(state: State) {
  const seq = ++renderSeq
  const name = VIEWS[state.view] ? state.view : 'compute'
  $('#tabs').innerHTML = Object.entries(VIEWS)
    .filter(([, v]) => v.tab)
    .map(
      ([k, v]) =>
        `<a href="?view=${k}&from=${esc(state.from)}&to=${esc(state.to)}" data-view="${k}" class="${k === name || (name === 'gpu' && k === 'compute') ? 'on' : ''}">${v.title}</a>`,
    )
    .join('')
  const form = $('#window') as unknown as HTMLFormElement
  ;(form.elements.namedItem('from') as HTMLInputElement).value = state.from
  ;(form.elements.namedItem('to') as HTMLInputElement).value = state.to
  const el = $('#view')
  el.innerHTML = '<p class="loading" data-testid="loading">loading…</p>'
  const ctx: ViewContext = {
    state,
    el,
    from: `${state.from}T00:00:00Z`,
    to: `${state.to}T00:00:00Z`,
    stale: () => seq !== renderSeq,
  }
  try {
    el.innerHTML = ''
    await VIEWS[name].render(ctx)
  } catch (e) {
    if (!ctx.stale()) el.innerHTML = `<p class="error" data-testid="error">${esc((e as Error).message)}</p>`
  }
}

async function status() {
  try {
    const s = (await gql(`{ indexerStatus { indexedHeight chainHeight lagBlocks } }`)).indexerStatus
    $('#status').textContent =
      `indexed block ${s.indexedHeight ?? '—'} of ${s.chainHeight ?? '—'} (lag ${s.lagBlocks ?? '—'})`
  } catch {
    $('#status').textContent = 'API unreachable'
  }
}

async function main() {
  // the explorer's address first, so every view can link tx hashes and addresses to it
  const s = await gql(`{ indexerStatus { explorerUrl } }`).catch(() => null)
  setExplorer(s?.indexerStatus?.explorerUrl ?? null)
  listen(render)
  document.addEventListener('click', (e) => {
    // in-page links keep the state in the URL without reloading
    const a = (e.target as HTMLElement).closest('a')
    if (a && a.origin === location.origin && a.pathname === '/' && !a.hasAttribute('download')) {
      e.preventDefault()
      go(Object.fromEntries(new URL(a.href).searchParams.entries()), true)
    }
  })
  $('#window').addEventListener('submit', (e) => {
    e.preventDefault()
    const f = new FormData(e.target as HTMLFormElement)
    const from = String(f.get('from'))
    const to = String(f.get('to'))
    if (from && to && from < to) go({ from, to })
  })
  let state = readState()
  if (!state.from || !state.to) {
    const w = await defaultWindow()
    state = { view: 'compute', ...state, from: state.from || w.from, to: state.to || w.to }
    history.replaceState(null, '', `?${new URLSearchParams(state).toString()}`)
  }
  await Promise.all([render(state), status()])
}

main()
