import { gql } from '../api'
import { esc, explorerLink, idLabel, localId, money, num, pct, short, text } from '../format'
import { drawLineage, kindWords, type Selection } from '../graph'
import type { Group } from '../layout'
import { go, readState, urlOf } from '../state'
import { empty, type ViewContext } from './view'

const EV = 'evidence { txHash blockNumber blockTime logIndex }'

function evidenceHtml(ev: any): string {
  if (!ev) return '<i>no log of its own (accounts and unresolved references)</i>'
  return `<dl class="evidence" data-testid="evidence">
    <dt>transaction</dt><dd class="mono" data-testid="evidence-tx">${explorerLink('tx', ev.txHash, esc(ev.txHash))}</dd>
    <dt>block</dt><dd data-testid="evidence-block">${ev.blockNumber}</dd>
    <dt>log index</dt><dd>${ev.logIndex}</dd>
    <dt>block time</dt><dd>${esc(ev.blockTime)}</dd></dl>`
}

/** What each GPU of a run reported while the run ran: rented hours, utilization, revenue, the reports. */
async function showRunCompute(panel: Element, runId: string) {
  const r = await gql(
    `query($id: ID!) { trainingRun(id: $id) { gpus { referencedGpuId resolved
      usage { rentedSec utilization grossRevenue net records { epoch assetInfo { symbol decimals } evidence { txHash blockNumber } } } } } }`,
    { id: runId },
  )
  const target = panel.querySelector('#runCompute')
  if (!target) return // another node was selected meanwhile
  const rows = r.trainingRun.gpus.map(
    (g: any) => `<tr data-gpu="${esc(g.referencedGpuId)}"><td class="mono">GPU ${esc(g.referencedGpuId)}</td>
      <td class="n" data-col="rented" data-value="${esc(g.usage.rentedSec)}">${num(Number(g.usage.rentedSec) / 3600, 1)}</td>
      <td class="n">${pct(g.usage.utilization)}</td><td class="n">${money(g.usage.grossRevenue, g.usage.records[0]?.assetInfo)}</td>
      <td class="n">${money(g.usage.net, g.usage.records[0]?.assetInfo)}</td>
      <td>${g.resolved ? g.usage.records.map((x: any) => `<span class="mono">${explorerLink('tx', x.evidence.txHash, `#${esc(x.epoch)} (block ${x.evidence.blockNumber})`)}</span>`).join(' ') || 'none' : '<b class="warn">unresolved GPU</b>'}</td></tr>`,
  )
  target.innerHTML = `<h3>Compute during the run</h3><div class="scroll"><table data-testid="run-compute">
    <thead><tr><th>GPU</th><th>rented h</th><th>utilization</th><th>gross</th><th>net</th><th>usage reports (epoch, block)</th></tr></thead>
    <tbody>${rows.join('')}</tbody></table></div>`
  target.scrollIntoView({ block: 'nearest' })
}

const flags = (n: { resolved: boolean; revoked: boolean }) =>
  `${n.resolved ? '' : '<b class="warn">unresolved</b> '}${n.revoked ? '<b class="warn">revoked</b>' : ''}`

const KINDS = ['MODEL_VERSION', 'TRAINING_RUN', 'DATASET_VERSION', 'GPU', 'CONTRIBUTION', 'ACCOUNT']

/** The contributions one group node stands for, each leading to its own evidence. */
function groupHtml(group: Group, g: { nodes: any[]; edges: any[] }): string {
  const byId = new Map(g.nodes.map((n) => [n.id, n]))
  const contributor = new Map(
    g.edges.filter((e) => e.kind === 'CONTRIBUTED_BY').map((e) => [e.from as string, e.to as string]),
  )
  const dataset = byId.get(group.dataset)
  const rows = group.members.map((id) => {
    const n = byId.get(id)
    const who = contributor.get(id)
    return `<tr><td class="mono"><a href="#" data-pick="${esc(id)}">${esc(localId(id))}</a></td><td>${text(n?.label)}${n?.revoked ? ' <b class="warn">revoked</b>' : ''}</td>
      <td class="mono">${who ? explorerLink('address', localId(who), short(localId(who))) : ''}</td>
      <td class="mono">${n?.evidence ? explorerLink('tx', n.evidence.txHash, `block ${n.evidence.blockNumber}`) : ''}</td></tr>`
  })
  const accounts = new Set(group.members.map((m) => contributor.get(m)).filter(Boolean)).size
  return `<p><b>${group.members.length} contributions</b> to ${text(dataset?.label ?? group.dataset)} by ${accounts} accounts</p>
    <div class="scroll list"><table data-testid="group-members"><thead><tr><th>contribution</th><th>what</th><th>contributor</th><th>evidence</th></tr></thead>
    <tbody>${rows.join('')}</tbody></table></div>`
}

/** Lineage graph with evidence, attribution, impact, and PROV-O / CSV downloads. */
export async function provenanceView(ctx: ViewContext) {
  const { state, el } = ctx
  const versions = (
    await gql(
      `query($chain: Int) { modelVersions(first: 500, direction: DESC, chainId: $chain) { nodes { id chainId modelVersionId modelId op uri parentResolved runs { id } } } }`,
      { chain: ctx.chainId },
    )
  ).modelVersions.nodes as any[]
  if (ctx.stale()) return
  if (!versions.length) {
    el.innerHTML = empty('No model version is indexed.')
    return
  }
  // by default the newest version that has a training run of its own (it has an attribution)
  // the URL names a version by its id (or, as links of earlier versions did, by its bytes32 id)
  const mv =
    versions.find((v) => v.id === state.mv || v.modelVersionId === state.mv)?.id ??
    (versions.find((v) => v.runs.length) ?? versions[0]).id
  const depth = Math.min(256, Math.max(0, Number(state.depth ?? 8)))
  const d = await gql(
    `query($id: ID!, $depth: Int, $chain: Int) {
      g: modelLineage(modelVersionId: $id, maxDepth: $depth) {
        root nodes { id kind label resolved revoked depth ${EV} } edges { from to kind op weightBps inheritBps ${EV} } }
      a: modelAttribution(modelVersionId: $id) { shares { contributor share contributions } unattributed }
      dv: datasetVersions(first: 500, chainId: $chain) { nodes { id version dataset { uri } } }
    }`,
    { id: mv, depth, chain: ctx.chainId },
  )
  if (ctx.stale()) return
  const g = d.g
  const unresolved = g.nodes.filter((n: any) => !n.resolved).length
  const revoked = g.nodes.filter((n: any) => n.revoked).length
  const counts = new Map<string, number>()
  for (const n of g.nodes) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1)
  // on a phone the list comes first and the graph opens on demand
  const phone = matchMedia('(max-width: 800px)').matches
  el.innerHTML = `
    <section class="bar">
      <label>model version <select id="mv" data-testid="mv-select">${versions
        .map(
          (v) =>
            `<option value="${v.id}" ${v.id === mv ? 'selected' : ''}>#${v.modelId} ${v.uri ? text(v.uri) : short(v.modelVersionId)} (${v.op.toLowerCase()})${ctx.chains.length > 1 ? ` · ${esc(ctx.chains.find((c) => c.chainId === v.chainId)?.name ?? String(v.chainId))}` : ''}</option>`,
        )
        .join('')}</select></label>
      <label>depth <input id="depth" type="number" min="0" max="256" value="${depth}" /></label>
      <span class="links"><a download="lineage.jsonld" data-testid="download-prov" href="/provenance/model/${mv}?maxDepth=${depth}">PROV-O JSON-LD</a>
      <a download href="/export/attribution.csv?modelVersionId=${mv}" data-testid="download-attribution">attribution CSV</a></span>
    </section>
    <p class="legend" data-testid="kind-filter">${KINDS.map(
      (k) =>
        `<button type="button" class="k ${k} ${state.kind && state.kind !== k ? 'off' : ''}" data-kind="${k}" title="show only these in the list">${kindWords(k)} ${counts.get(k) ?? 0}</button>`,
    ).join('')}
      · <b data-testid="lineage-count">${g.nodes.length}</b> nodes, ${g.edges.length} edges, <b class="warn" data-testid="unresolved-count">${unresolved}</b> unresolved, ${revoked} revoked</p>
    <p class="legend edges"><span class="e use"></span>used · <span class="e derive"></span>derived / fine-tuned from · <span class="e agent"></span>by an account · hover an edge for its kind</p>
    <div class="prov">
    <details class="card graphbox" id="graphbox" ${phone ? '' : 'open'}><summary>Graph <small>(inputs on the left, the model version on the right)</small> <button type="button" id="fit">fit</button></summary>
      <div id="graph" class="graph" data-testid="lineage-graph"></div></details>
    <section class="card evidencebox"><h2>Evidence</h2><div id="selected" data-testid="selected">${phone ? 'Tap a node in the list.' : 'Click a node or an edge (graph or list).'}</div></section>
    <section class="card nodesbox"><h2>Nodes${state.kind ? ` (${kindWords(state.kind)} only)` : ''}</h2><div class="scroll list"><table data-testid="lineage-nodes"><thead><tr><th>kind</th><th>node</th><th class="wide">label</th><th class="wide">flags</th><th class="wide">depth</th></tr></thead><tbody>
      ${g.nodes
        .map(
          (
            n: any,
          ) => `<tr data-node="${esc(n.id)}" data-kind="${n.kind}" ${state.kind && n.kind !== state.kind ? 'hidden' : ''} class="${n.resolved ? '' : 'unres'} ${n.revoked ? 'rev' : ''}">
            <td><span class="k ${n.kind}">${kindWords(n.kind)}</span></td><td class="mono"><a href="#" data-pick="${esc(n.id)}" title="${esc(n.id)}">${esc(idLabel(localId(n.id)))}</a><small class="narrow">${text(n.label)} ${flags(n)}</small></td>
            <td class="wide">${text(n.label)}</td><td class="wide">${flags(n)}</td><td class="wide">${n.depth}</td></tr>`,
        )
        .join('')}</tbody></table></div></section>
    </div>
    <div class="cols">
      <section class="card"><h2>Attribution to contributors</h2><div class="scroll"><table data-testid="attribution"><thead><tr><th>contributor</th><th>share</th><th>contributions</th></tr></thead><tbody>
        ${d.a.shares
          .map(
            (s: any) =>
              `<tr><td class="mono"><a href="${urlOf({ ...state, impact: s.contributor })}">${short(s.contributor)}</a></td><td class="n" data-value="${s.share}">${num(s.share * 100, 2)}%</td><td class="n">${s.contributions}</td></tr>`,
          )
          .join('')}
        <tr><td><i>unattributed</i></td><td class="n" data-testid="unattributed" data-value="${d.a.unattributed}">${num(d.a.unattributed * 100, 2)}%</td><td></td></tr></tbody></table></div></section>
      <section class="card"><h2>Impact</h2>
        <form id="impact" class="bar"><label>from <select name="start" data-testid="impact-start">
          <option value="">dataset version…</option>${d.dv.nodes
            .map(
              (v: any) =>
                `<option value="dataset:${v.id}" ${state.impact === `dataset:${v.id}` ? 'selected' : ''}>${text(v.dataset.uri)} v${v.version}</option>`,
            )
            .join('')}</select></label>
          <label>or contributor <input name="who" placeholder="0x…" value="${state.impact?.startsWith('0x') ? esc(state.impact) : ''}" /></label><button>trace</button></form>
        <div id="impactResult">${state.impact ? '<p class="loading">loading…</p>' : '<p>Pick a dataset version or a contributor to see every model version that depends on it.</p>'}</div></section>
    </div>`

  const picks = (root: ParentNode) => {
    for (const a of root.querySelectorAll<HTMLAnchorElement>('a[data-pick]')) {
      a.onclick = (e) => {
        e.preventDefault()
        e.stopPropagation()
        select({ node: a.dataset.pick })
      }
    }
  }
  const select = (what: Selection) => {
    const panel = el.querySelector('#selected')!
    if (what.group) {
      graph.select({ node: what.group.members[0] })
      panel.innerHTML = groupHtml(what.group, g)
      picks(panel)
    } else if (what.node) {
      const n = g.nodes.find((x: any) => x.id === what.node)
      graph.select({ node: what.node })
      panel.innerHTML = `<p><b>${esc(n.kind)}</b> <span class="mono" data-testid="selected-id">${esc(n.id)}</span></p>
        <p>${text(n.label, 200)} ${n.resolved ? '' : '<b class="warn">unresolved: referenced on chain, unknown to this index</b>'} ${n.revoked ? '<b class="warn">revoked</b>' : ''}</p>${evidenceHtml(n.evidence)}
        ${n.kind === 'TRAINING_RUN' && n.resolved ? '<div id="runCompute"><p class="loading">loading the compute…</p></div>' : ''}`
      if (n.kind === 'TRAINING_RUN' && n.resolved) void showRunCompute(panel, n.id.slice('run:'.length))
    } else if (what.edge != null) {
      const e = g.edges[what.edge]
      graph.select({ edge: what.edge })
      panel.innerHTML = `<p><b>${esc(kindWords(e.kind))}</b>${e.op ? ` (${esc(e.op)})` : ''}${e.weightBps != null ? ` weight ${e.weightBps / 100}%` : ''}${e.inheritBps != null ? ` inherits ${e.inheritBps / 100}%` : ''}</p>
        <p class="mono">${esc(e.from)} → ${esc(e.to)}</p>${evidenceHtml(e.evidence)}`
    }
    // a row low in the node list must not leave its evidence out of sight
    panel.scrollIntoView({ block: 'nearest' })
  }
  const graph = drawLineage(el.querySelector('#graph')!, g.root, g.nodes, g.edges, (id) => idLabel(localId(id)), select)
  picks(el.querySelector('[data-testid="lineage-nodes"]')!)
  el.querySelector<HTMLButtonElement>('#fit')!.onclick = (e) => {
    e.preventDefault() // inside <summary>: do not fold the graph
    graph.fit(false)
  }
  // drawn while folded (on a phone), the graph has no size until it opens
  el.querySelector<HTMLDetailsElement>('#graphbox')!.ontoggle = () => graph.fit(true)
  // the kind buttons filter the list in place (and the URL), without drawing the graph again
  const rows = [...el.querySelectorAll<HTMLTableRowElement>('[data-testid="lineage-nodes"] tbody tr')]
  const showKind = (kind: string) => {
    for (const r of rows) r.hidden = kind !== '' && r.dataset.kind !== kind
    for (const b of el.querySelectorAll<HTMLButtonElement>('[data-kind]'))
      b.classList.toggle('off', kind !== '' && b.dataset.kind !== kind)
    el.querySelector('.nodesbox h2')!.textContent = kind ? `Nodes (${kindWords(kind)} only)` : 'Nodes'
    history.replaceState(null, '', urlOf({ ...readState(), kind }))
  }
  for (const b of el.querySelectorAll<HTMLButtonElement>('[data-kind]'))
    b.onclick = () => showKind(readState().kind === b.dataset.kind ? '' : b.dataset.kind!)
  el.querySelector<HTMLSelectElement>('#mv')!.onchange = (e) =>
    go({ mv: (e.target as HTMLSelectElement).value, impact: '' })
  el.querySelector<HTMLInputElement>('#depth')!.onchange = (e) => go({ depth: (e.target as HTMLInputElement).value })
  el.querySelector<HTMLFormElement>('#impact')!.onsubmit = (e) => {
    e.preventDefault()
    const f = new FormData(e.target as HTMLFormElement)
    const who = String(f.get('who') ?? '').trim()
    go({ impact: who || String(f.get('start') ?? '') })
  }

  if (state.impact) {
    const start = state.impact
    // a dataset version by its typed node id; a contributor by address, on the picked chain (or the model's)
    const chain = ctx.chainId ?? versions.find((v) => v.id === mv)?.chainId ?? null
    const args = start.startsWith('dataset:') ? { d: start } : { a: start, chain }
    const r = await gql(
      `query($d: ID, $a: String, $chain: Int) { dataImpact(datasetVersionId: $d, contributor: $a, chainId: $chain) { modelVersions { modelVersionId chainId path } } }`,
      args,
    )
    if (ctx.stale()) return
    const list = (r.dataImpact.modelVersions as { modelVersionId: string; chainId: number; path: string[] }[]).map(
      (m) => ({ ...m, modelVersionId: `${m.chainId}:${m.modelVersionId}` }),
    )
    el.querySelector('#impactResult')!.innerHTML = list.length
      ? `<ul class="impact" data-testid="impact">${list
          .map(
            (
              m,
            ) => `<li><a href="${urlOf({ ...state, mv: m.modelVersionId, impact: '' })}" class="mono" title="${esc(m.modelVersionId)}">${esc(idLabel(localId(m.modelVersionId)))}</a>
              <small>${m.path.map((p) => esc(p.split(':')[0])).join(' → ')}</small></li>`,
          )
          .join('')}</ul>`
      : empty('No model version depends on it.')
  }
}
