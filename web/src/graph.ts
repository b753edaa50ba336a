import cytoscape from 'cytoscape'
import { visible } from './format'
import { edgeClass, groupContributions, LABEL_WIDTH, layered, ROW, type Group } from './layout'

/** The lineage as an interactive graph (cytoscape): kinds by colour, unresolved dashed red, revoked grey. */
export interface GNode {
  id: string
  kind: string
  label: string | null
  resolved: boolean
  revoked: boolean
  depth: number
}
export interface GEdge {
  from: string
  to: string
  kind: string
  op: string | null
}
export type Selection = { node?: string; edge?: number; group?: Group }

const COLORS: Record<string, string> = {
  MODEL_VERSION: '#e07a1f',
  TRAINING_RUN: '#2f7fc1',
  DATASET_VERSION: '#1f9e6e',
  CONTRIBUTION: '#9aa5b1',
  ACCOUNT: '#7b4fc9',
  GPU: '#c9a227',
}
/** Below this zoom the labels (10 px) would be too small to read: the graph opens there on its root instead. */
export const MIN_READABLE_ZOOM = 0.8

/** "TRAINED_ON" → "trained on" */
export const kindWords = (kind: string) => kind.toLowerCase().replaceAll('_', ' ')

function labelOf(n: GNode, shortId: (id: string) => string): string {
  // a run's label is its time range in full; drawn, its start reads better
  const run = n.kind === 'TRAINING_RUN' && n.label ? `run ${n.label.slice(0, 16).replace('T', ' ')}` : null
  const base = n.kind === 'ACCOUNT' ? `${n.id.slice(8, 16)}…` : (run ?? visible(n.label ?? shortId(n.id)))
  return `${base}${n.resolved ? '' : ' (unresolved)'}${n.revoked ? ' (revoked)' : ''}`
}

export function drawLineage(
  el: HTMLElement,
  root: string,
  nodes: GNode[],
  edges: GEdge[],
  shortId: (id: string) => string,
  onSelect: (what: Selection) => void,
) {
  el.innerHTML = ''
  const shown = groupContributions(nodes, edges)
  const positions = layered(shown.nodes, shown.edges)
  // as tall as the drawing needs at a readable zoom (a wide, flat lineage leaves no empty box below it)
  const ys = [...positions.values()].map((p) => p.y)
  const span = Math.max(0, ...ys) - Math.min(0, ...ys) + ROW
  el.style.height = `${Math.round(Math.min(600, Math.max(260, span * MIN_READABLE_ZOOM + 80)))}px`
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const named = (id: string) => {
    const n = byId.get(id)
    return n ? labelOf(n, shortId) : `${shown.groups.find((g) => g.id === id)?.members.length} contributions`
  }
  const cy = cytoscape({
    container: el,
    elements: [
      ...shown.nodes.map((s) => {
        const n = byId.get(s.id)
        const g = s.group
        return {
          data: {
            id: s.id,
            label: g ? `${g.members.length} contributions` : labelOf(n!, shortId),
            color: !n || n.resolved ? COLORS[s.kind] : '#ffffff',
          },
          position: { x: positions.get(s.id)!.x, y: positions.get(s.id)!.y },
          classes: [g ? 'group' : '', n && !n.resolved ? 'unresolved' : '', n?.revoked ? 'revoked' : '']
            .join(' ')
            .trim(),
        }
      }),
      ...shown.edges.map((e, i) => ({
        data: {
          id: `s${i}`,
          source: e.from,
          target: e.to,
          kind: e.kind,
          label: `${kindWords(e.kind)}${e.count > 1 ? ` ×${e.count}` : ''}`,
        },
        classes: edgeClass(e.kind),
      })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(color)',
          label: 'data(label)',
          'font-size': 10,
          color: '#d8dee4',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'ellipsis',
          'text-max-width': `${LABEL_WIDTH}px`,
          'min-zoomed-font-size': 6,
          width: 18,
          height: 18,
        },
      },
      { selector: 'node.group', style: { shape: 'round-rectangle', width: 34, height: 18 } },
      {
        selector: 'node.unresolved',
        style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': '#e5484d' },
      },
      { selector: 'node.revoked', style: { opacity: 0.45, 'border-width': 2, 'border-color': '#e5484d' } },
      { selector: `node[id = "${root}"]`, style: { width: 26, height: 26, 'border-width': 3, 'border-color': '#fff' } },
      {
        selector: 'edge',
        style: {
          width: 1.2,
          'line-color': '#56616d',
          'target-arrow-color': '#56616d',
          'target-arrow-shape': 'triangle',
          'arrow-scale': 0.8,
          'curve-style': 'bezier',
          'font-size': 10,
          color: '#ffd166',
          'text-background-color': '#0d1117',
          'text-background-opacity': 0.85,
          'text-background-padding': '2px',
        },
      },
      { selector: 'edge.derive', style: { 'line-color': '#b0703a', 'target-arrow-color': '#b0703a', width: 1.6 } },
      {
        selector: 'edge.agent',
        style: { 'line-style': 'dotted', 'line-color': '#7b6aa8', 'target-arrow-color': '#7b6aa8' },
      },
      { selector: 'edge.hover', style: { label: 'data(label)', width: 2.4, 'z-index': 10 } },
      { selector: ':selected', style: { 'border-width': 3, 'border-color': '#ffd166', 'line-color': '#ffd166' } },
    ],
    layout: { name: 'preset', fit: false },
    minZoom: 0.05,
    maxZoom: 3,
  })
  /** the whole drawing in the box, or (`readable`) no smaller than labels can be read */
  const fit = (readable: boolean) => {
    cy.resize()
    cy.fit(undefined, 24)
    // a large graph opens readable, with the model version asked about at the right edge and as much of
    // its history as fits to the left; "fit" shows it whole
    if (readable && cy.zoom() < MIN_READABLE_ZOOM) {
      cy.zoom(MIN_READABLE_ZOOM)
      const r = cy.getElementById(root).renderedPosition()
      const height = el.clientHeight
      cy.panBy({ x: el.clientWidth - 24 - LABEL_WIDTH * MIN_READABLE_ZOOM * 0.6 - r.x, y: height / 2 - r.y })
    }
  }
  fit(true)

  // an edge says what it is while the pointer is on it
  const tip = document.createElement('div')
  tip.className = 'edge-tip'
  tip.dataset.testid = 'edge-tip'
  tip.hidden = true
  el.appendChild(tip)
  cy.on('mouseover', 'edge', (ev) => {
    const edge = ev.target
    edge.addClass('hover')
    const e = shown.edges[Number(edge.id().slice(1))]
    tip.textContent = `${named(e.from)} · ${edge.data('label')} · ${named(e.to)}`
    const p = ev.renderedPosition
    tip.style.left = `${Math.min(p.x + 12, el.clientWidth - 220)}px`
    tip.style.top = `${p.y + 12}px`
    tip.hidden = false
  })
  const unhover = () => {
    cy.edges('.hover').removeClass('hover')
    tip.hidden = true
  }
  cy.on('mouseout', 'edge', unhover)
  // leaving the box fires no mouseout on the edge last under the pointer
  el.addEventListener('mouseleave', unhover)
  cy.on('tap', 'node', (ev) => {
    const g = shown.groups.find((x) => x.id === ev.target.id())
    onSelect(g ? { group: g } : { node: ev.target.id() })
  })
  cy.on('tap', 'edge', (ev) => {
    const e = shown.edges[Number(ev.target.id().slice(1))]
    if (e.index != null) onSelect({ edge: e.index })
    else onSelect({ group: shown.groups.find((g) => g.id === e.from || g.id === e.to) })
  })
  // the browser test reads the drawn graph from here (positions, labels, zoom)
  Object.assign(el, { cy })
  const groupOf = (id: string) => shown.groups.find((g) => g.members.includes(id) || g.accounts.includes(id))
  return {
    fit,
    /** selects the drawn element of an API node or edge (a grouped contribution selects its group) */
    select(what: { node?: string; edge?: number }) {
      cy.$(':selected').unselect()
      if (what.node != null) cy.getElementById(groupOf(what.node)?.id ?? what.node).select()
      if (what.edge != null) {
        const i = shown.edges.findIndex((e) => e.index === what.edge)
        if (i >= 0) cy.getElementById(`s${i}`).select()
      }
    },
    groups: shown.groups,
  }
}
