import { gql } from './api'
import { esc, setExplorer } from './format'
import { go, listen, readState, type State } from './state'
import { computeView } from './views/compute'
import { gpuView } from './views/gpu'
import { modelsView } from './views/models'
import { provenanceView } from './views/provenance'
import { vaultsView } from './views/vaults'
import type { Chain, ViewContext } from './views/view'

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
        `<a href="?view=${k}&from=${esc(state.from)}&to=${esc(state.to)}${state.chain ? `&chain=${esc(state.chain)}` : ''}" data-view="${k}" class="${k === name || (name === 'gpu' && k === 'compute') ? 'on' : ''}">${v.title}</a>`,
    )
    .join('')
  const form = $('#window') as unknown as HTMLFormElement
  ;(form.elements.namedItem('from') as HTMLInputElement).value = state.from
  ;(form.elements.namedItem('to') as HTMLInputElement).value = state.to
  const el = $('#view')
  el.innerHTML = '<p class="loading" data-testid="loading">loading…</p>'
  const picked = chains.find((c) => String(c.chainId) === state.chain)
  const chainSelect = $('#chain') as HTMLSelectElement
  chainSelect.value = picked ? String(picked.chainId) : ''
  const ctx: ViewContext = {
    state,
    el,
    from: `${state.from}T00:00:00Z`,
    to: `${state.to}T00:00:00Z`,
    chainId: picked?.chainId ?? null,
    chains,
    stale: () => seq !== renderSeq,
  }
  try {
    el.innerHTML = ''
    await VIEWS[name].render(ctx)
  } catch (e) {
    if (!ctx.stale()) el.innerHTML = `<p class="error" data-testid="error">${esc((e as Error).message)}</p>`
  }
}

/** The chains of the deployment (the header's selector), read once at load. */
let chains: Chain[] = []

async function status() {
  try {
    const list = (await gql(`{ chains { chainId name indexedHeight chainHeight lagBlocks } }`)).chains as (Chain & {
      indexedHeight: number | null
      chainHeight: number | null
      lagBlocks: number | null
    })[]
    $('#status').textContent = list.length
      ? list
          .map(
            (s) =>
              `${list.length > 1 ? `${s.name}: ` : ''}indexed block ${s.indexedHeight ?? '—'} of ${s.chainHeight ?? '—'} (lag ${s.lagBlocks ?? '—'})`,
          )
          .join(' · ')
      : 'nothing indexed yet'
  } catch {
    $('#status').textContent = 'API unreachable'
  }
}

async function main() {
  // the explorer's address first, so every view can link tx hashes and addresses to it
  const s = await gql(`{ indexerStatus { explorerUrl } chains { chainId name } }`).catch(() => null)
  setExplorer(s?.indexerStatus?.explorerUrl ?? null)
  chains = (s?.chains as Chain[] | undefined) ?? []
  const chainSelect = $('#chain') as HTMLSelectElement
  for (const c of chains) chainSelect.add(new Option(`${c.name} (${c.chainId})`, String(c.chainId)))
  // one chain: nothing to pick
  ;(chainSelect.closest('label') as HTMLElement).hidden = chains.length < 2
  chainSelect.onchange = () => go({ chain: chainSelect.value })
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
