import cytoscape from 'cytoscape'
import { visible } from './format'

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

const COLORS: Record<string, string> = {
  MODEL_VERSION: '#e07a1f',
  TRAINING_RUN: '#2f7fc1',
  DATASET_VERSION: '#1f9e6e',
  CONTRIBUTION: '#9aa5b1',
  ACCOUNT: '#7b4fc9',
  GPU: '#c9a227',
}

export function drawLineage(
  el: HTMLElement,
  root: string,
  nodes: GNode[],
  edges: GEdge[],
  onSelect: (what: { node?: string; edge?: number }) => void,
) {
  el.innerHTML = ''
  const cy = cytoscape({
    container: el,
    elements: [
      ...nodes.map((n) => ({
        data: {
          id: n.id,
          label: `${n.kind === 'ACCOUNT' ? n.id.slice(8, 16) + '…' : [...visible(n.label ?? n.id)].slice(0, 28).join('')}${n.resolved ? '' : ' (unresolved)'}${n.revoked ? ' (revoked)' : ''}`,
          color: n.resolved ? COLORS[n.kind] : '#ffffff',
        },
        classes: [n.resolved ? '' : 'unresolved', n.revoked ? 'revoked' : ''].join(' ').trim(),
      })),
      ...edges.map((e, i) => ({ data: { id: `e${i}`, source: e.from, target: e.to } })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(color)',
          label: 'data(label)',
          'font-size': 9,
          color: '#d8dee4',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          width: 18,
          height: 18,
        },
      },
      {
        selector: 'node.unresolved',
        style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': '#e5484d' },
      },
      { selector: 'node.revoked', style: { opacity: 0.45, 'border-width': 2, 'border-color': '#e5484d' } },
      { selector: `node[id = "${root}"]`, style: { width: 28, height: 28, 'border-width': 3, 'border-color': '#fff' } },
      {
        selector: 'edge',
        style: {
          width: 1.2,
          'line-color': '#56616d',
          'target-arrow-color': '#56616d',
          'target-arrow-shape': 'triangle',
          'curve-style': 'bezier',
        },
      },
      { selector: ':selected', style: { 'border-width': 3, 'border-color': '#ffd166', 'line-color': '#ffd166' } },
    ],
    // levels by hops from the root, whichever way an edge points (contributions point at their version)
    layout: { name: 'breadthfirst', directed: false, roots: [root], spacingFactor: 1.1, padding: 10 },
  })
  cy.on('tap', 'node', (e) => onSelect({ node: e.target.id() }))
  cy.on('tap', 'edge', (e) => onSelect({ edge: Number(e.target.id().slice(1)) }))
  return {
    select(id: string) {
      cy.$(':selected').unselect()
      cy.getElementById(id).select()
    },
  }
}
