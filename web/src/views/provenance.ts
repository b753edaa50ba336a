import { gql } from '../api'
import { esc, explorerLink, idLabel, num, pct, short, text, units } from '../format'
import { drawLineage } from '../graph'
import { go, urlOf } from '../state'
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
async function showRunCompute(panel: Element, runId: string, decimals: number) {
  const r = await gql(
    `query($id: ID!) { trainingRun(id: $id) { gpus { referencedGpuId resolved
      usage { rentedSec utilization grossRevenue net records { epoch evidence { txHash blockNumber } } } } } }`,
    { id: runId },
  )
  const target = panel.querySelector('#runCompute')
  if (!target) return // another node was selected meanwhile
  const rows = r.trainingRun.gpus.map(
    (g: any) => `<tr data-gpu="${esc(g.referencedGpuId)}"><td class="mono">GPU ${esc(g.referencedGpuId)}</td>
      <td class="n" data-col="rented" data-value="${esc(g.usage.rentedSec)}">${num(Number(g.usage.rentedSec) / 3600, 1)}</td>
      <td class="n">${pct(g.usage.utilization)}</td><td class="n">${units(g.usage.grossRevenue, decimals)}</td>
      <td class="n">${units(g.usage.net, decimals)}</td>
      <td>${g.resolved ? g.usage.records.map((x: any) => `<span class="mono">${explorerLink('tx', x.evidence.txHash, `#${esc(x.epoch)} (block ${x.evidence.blockNumber})`)}</span>`).join(' ') || 'none' : '<b class="warn">unresolved GPU</b>'}</td></tr>`,
  )
  target.innerHTML = `<h3>Compute during the run</h3><div class="scroll"><table data-testid="run-compute">
    <thead><tr><th>GPU</th><th>rented h</th><th>utilization</th><th>gross</th><th>net</th><th>usage reports (epoch, block)</th></tr></thead>
    <tbody>${rows.join('')}</tbody></table></div>`
  target.scrollIntoView({ block: 'nearest' })
}

/** Lineage graph with evidence, attribution, impact, and PROV-O / CSV downloads. */
export async function provenanceView(ctx: ViewContext) {
  const { state, el } = ctx
  const versions = (
    await gql(
      `{ modelVersions(first: 500, direction: DESC) { nodes { id modelId op uri parentResolved runs { id } } } }`,
    )
  ).modelVersions.nodes as any[]
  if (ctx.stale()) return
  if (!versions.length) {
    el.innerHTML = empty('No model version is indexed.')
    return
  }
  // by default the newest version that has a training run of its own (it has an attribution)
  const mv = versions.find((v) => v.id === state.mv)?.id ?? (versions.find((v) => v.runs.length) ?? versions[0]).id
  const depth = Math.min(256, Math.max(0, Number(state.depth ?? 8)))
  const d = await gql(
    `query($id: ID!, $depth: Int) {
      g: modelLineage(modelVersionId: $id, maxDepth: $depth) {
        root nodes { id kind label resolved revoked depth ${EV} } edges { from to kind op weightBps inheritBps ${EV} } }
      a: modelAttribution(modelVersionId: $id) { shares { contributor share contributions } unattributed }
      dv: datasetVersions(first: 500) { nodes { id version dataset { uri } } }
    }`,
    { id: mv, depth },
  )
  if (ctx.stale()) return
  const g = d.g
  const unresolved = g.nodes.filter((n: any) => !n.resolved).length
  const revoked = g.nodes.filter((n: any) => n.revoked).length
  el.innerHTML = `
    <section class="bar">
      <label>model version <select id="mv" data-testid="mv-select">${versions
        .map(
          (v) =>
            `<option value="${v.id}" ${v.id === mv ? 'selected' : ''}>#${v.modelId} ${v.uri ? text(v.uri) : short(v.id)} (${v.op.toLowerCase()})</option>`,
        )
        .join('')}</select></label>
      <label>depth <input id="depth" type="number" min="0" max="256" value="${depth}" /></label>
      <span class="links"><a download="lineage.jsonld" data-testid="download-prov" href="/provenance/model/${mv}?maxDepth=${depth}">PROV-O JSON-LD</a>
      <a download href="/export/attribution.csv?modelVersionId=${mv}" data-testid="download-attribution">attribution CSV</a></span>
    </section>
    <p class="legend"><span class="k MODEL_VERSION">model version</span><span class="k TRAINING_RUN">training run</span><span class="k DATASET_VERSION">dataset version</span><span class="k CONTRIBUTION">contribution</span><span class="k ACCOUNT">account</span><span class="k GPU">GPU</span>
      · <b data-testid="lineage-count">${g.nodes.length}</b> nodes, ${g.edges.length} edges, <b class="warn" data-testid="unresolved-count">${unresolved}</b> unresolved, ${revoked} revoked</p>
    <div class="cols graphcols">
      <section class="card"><div id="graph" class="graph" data-testid="lineage-graph"></div></section>
      <section class="card"><h2>Evidence</h2><div id="selected" data-testid="selected">Click a node or an edge (graph or list).</div></section>
    </div>
    <section class="card"><h2>Nodes</h2><div class="scroll list"><table data-testid="lineage-nodes"><thead><tr><th>kind</th><th>node</th><th>label</th><th>flags</th><th>depth</th></tr></thead><tbody>
      ${g.nodes
        .map(
          (n: any) => `<tr data-node="${esc(n.id)}" class="${n.resolved ? '' : 'unres'} ${n.revoked ? 'rev' : ''}">
            <td><span class="k ${n.kind}">${n.kind.toLowerCase().replace('_', ' ')}</span></td><td class="mono"><a href="#" data-pick="${esc(n.id)}" title="${esc(n.id)}">${esc(idLabel(n.id.split(':')[1] ?? n.id))}</a></td>
            <td>${text(n.label)}</td><td>${n.resolved ? '' : '<b class="warn">unresolved</b> '}${n.revoked ? '<b class="warn">revoked</b>' : ''}</td><td>${n.depth}</td></tr>`,
        )
        .join('')}</tbody></table></div></section>
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

  const select = (what: { node?: string; edge?: number }) => {
    const panel = el.querySelector('#selected')!
    if (what.node) {
      const n = g.nodes.find((x: any) => x.id === what.node)
      graph.select(what.node)
      panel.innerHTML = `<p><b>${esc(n.kind)}</b> <span class="mono" data-testid="selected-id">${esc(n.id)}</span></p>
        <p>${text(n.label, 200)} ${n.resolved ? '' : '<b class="warn">unresolved: referenced on chain, unknown to this index</b>'} ${n.revoked ? '<b class="warn">revoked</b>' : ''}</p>${evidenceHtml(n.evidence)}
        ${n.kind === 'TRAINING_RUN' && n.resolved ? '<div id="runCompute"><p class="loading">loading the compute…</p></div>' : ''}`
      if (n.kind === 'TRAINING_RUN' && n.resolved) void showRunCompute(panel, n.id.slice('run:'.length), ctx.decimals)
      // a row low in the node list must not leave its evidence out of sight
      panel.scrollIntoView({ block: 'nearest' })
    } else if (what.edge != null) {
      const e = g.edges[what.edge]
      graph.select(`e${what.edge}`)
      panel.innerHTML = `<p><b>${esc(e.kind)}</b>${e.op ? ` (${esc(e.op)})` : ''}${e.weightBps != null ? ` weight ${e.weightBps / 100}%` : ''}${e.inheritBps != null ? ` inherits ${e.inheritBps / 100}%` : ''}</p>
        <p class="mono">${esc(e.from)} → ${esc(e.to)}</p>${evidenceHtml(e.evidence)}`
    }
  }
  const graph = drawLineage(el.querySelector('#graph')!, g.root, g.nodes, g.edges, select)
  for (const a of el.querySelectorAll<HTMLAnchorElement>('a[data-pick]')) {
    a.onclick = (e) => {
      e.preventDefault()
      e.stopPropagation()
      select({ node: a.dataset.pick })
    }
  }
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
    const args = start.startsWith('dataset:') ? { d: start.slice(8) } : { a: start }
    const r = await gql(
      `query($d: ID, $a: String) { dataImpact(datasetVersionId: $d, contributor: $a) { modelVersions { modelVersionId path } } }`,
      args,
    )
    if (ctx.stale()) return
    const list = r.dataImpact.modelVersions as { modelVersionId: string; path: string[] }[]
    el.querySelector('#impactResult')!.innerHTML = list.length
      ? `<ul class="impact" data-testid="impact">${list
          .map(
            (
              m,
            ) => `<li><a href="${urlOf({ ...state, mv: m.modelVersionId, impact: '' })}" class="mono" title="${esc(m.modelVersionId)}">${esc(idLabel(m.modelVersionId))}</a>
              <small>${m.path.map((p) => esc(p.split(':')[0])).join(' → ')}</small></li>`,
          )
          .join('')}</ul>`
      : empty('No model version depends on it.')
  }
}
