import { chainOfId } from '../../mappings/shared/chain'
import type { EvidenceRow } from '../sql/provenance'
import type { Graph, GraphEdge, GraphNode } from './lineage'

/**
 * A lineage graph as W3C PROV-O in JSON-LD (docs/api.md, "PROV-O"). Model versions, dataset
 * versions, contributions and GPUs are prov:Entity, training runs prov:Activity, accounts
 * prov:Agent. Each relation is also given in its qualified form, which names the on-chain log that
 * proves it. Every term in the prov: namespace is a PROV-O term; our own terms are in deai:.
 *
 * The document is flat: qualified influences and evidence logs are nodes of the graph with their
 * own IRIs, not nested blank nodes, so RDF tools that map PROV-O to their own model (the W3C
 * reference library for Python among them) can read it.
 */
export const DEAI_NS = 'https://github.com/deai-squid/deai-squid/ns#'

export const PROV_CONTEXT = {
  prov: 'http://www.w3.org/ns/prov#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  deai: DEAI_NS,
  model: 'urn:deai:model:',
  run: 'urn:deai:run:',
  dataset: 'urn:deai:dataset:',
  contribution: 'urn:deai:contribution:',
  account: 'urn:deai:account:',
  gpu: 'urn:deai:gpu:',
  log: 'urn:deai:log:',
  revocation: 'urn:deai:revocation:',
  influence: 'urn:deai:influence:',
  'prov:atTime': { '@type': 'xsd:dateTime' },
  'prov:startedAtTime': { '@type': 'xsd:dateTime' },
  'prov:endedAtTime': { '@type': 'xsd:dateTime' },
  'prov:invalidatedAtTime': { '@type': 'xsd:dateTime' },
  'deai:blockTime': { '@type': 'xsd:dateTime' },
}

type Json = Record<string, unknown>

const TYPES: Record<GraphNode['kind'], string[]> = {
  MODEL_VERSION: ['prov:Entity', 'deai:ModelVersion'],
  DATASET_VERSION: ['prov:Entity', 'prov:Collection', 'deai:DatasetVersion'],
  CONTRIBUTION: ['prov:Entity', 'deai:Contribution'],
  GPU: ['prov:Entity', 'deai:Gpu'],
  TRAINING_RUN: ['prov:Activity', 'deai:TrainingRun'],
  ACCOUNT: ['prov:Agent', 'deai:Account'],
}

/** Each edge kind as PROV-O: the plain relation, its qualified form, the class and role of that form. */
const RELATIONS: Record<Exclude<GraphEdge['kind'], 'CONTRIBUTED_TO'>, [string, string, string, string]> = {
  GENERATED_BY: ['prov:wasGeneratedBy', 'prov:qualifiedGeneration', 'prov:Generation', 'prov:activity'],
  FINETUNED_FROM: ['prov:wasDerivedFrom', 'prov:qualifiedDerivation', 'prov:Derivation', 'prov:entity'],
  DERIVED_FROM: ['prov:wasDerivedFrom', 'prov:qualifiedDerivation', 'prov:Derivation', 'prov:entity'],
  TRAINED_ON: ['prov:used', 'prov:qualifiedUsage', 'prov:Usage', 'prov:entity'],
  COMPUTED_ON: ['prov:used', 'prov:qualifiedUsage', 'prov:Usage', 'prov:entity'],
  ATTESTED_BY: ['prov:wasAssociatedWith', 'prov:qualifiedAssociation', 'prov:Association', 'prov:agent'],
  CONTRIBUTED_BY: ['prov:wasAttributedTo', 'prov:qualifiedAttribution', 'prov:Attribution', 'prov:agent'],
  OWNED_BY: ['prov:wasAttributedTo', 'prov:qualifiedAttribution', 'prov:Attribution', 'prov:agent'],
}
/** PROV-O allows prov:atTime only on instantaneous events */
const INSTANTANEOUS = new Set(['prov:Generation', 'prov:Usage'])

/** `run:0x…` → `0x…` */
const localId = (nodeId: string) => nodeId.slice(nodeId.indexOf(':') + 1)
/** the chain a typed node id names (`<kind>:<chainId>:<id>`) */
const chainOfNode = (nodeId: string) => chainOfId(localId(nodeId))

function push(node: Json, key: string, value: unknown) {
  const cur = node[key]
  node[key] = cur == null ? [value] : [...(cur as unknown[]), value]
}

/** A usage record a run's GPU reported during the run (db/runUsage.ts), as far as PROV-O needs it. */
export interface RunUsageRecord {
  availableSec: number
  rentedSec: number
  grossRevenue: string
  net: string
  evidence: EvidenceRow
}

const integer = (v: bigint) => ({ '@value': v.toString(), '@type': 'xsd:integer' })

/**
 * `usage`: per `<runId>|<gpuId>`, the usage records of the run's GPUs during the run. The qualified
 * Usage of each GPU then sums them (`deai:availableSec`, `deai:rentedSec`, `deai:grossRevenue`,
 * `deai:net`) and names the logs that reported them (`deai:usageReport`).
 */
export function toProvJsonLd(g: Graph, usage: Map<string, RunUsageRecord[]> = new Map()): Json {
  const nodes = new Map<string, Json>()
  const extra = new Map<string, Json>()
  /** the log that proves something, as a node of its own (one per log, however often cited) */
  const log = (e: EvidenceRow, chainId: number): { '@id': string } => {
    const id = `log:${chainId}:${e.txHash}-${e.logIndex}`
    if (!extra.has(id))
      extra.set(id, {
        '@id': id,
        // the log is itself an entity (a record on the chain), which is what the evidence points to
        '@type': ['prov:Entity', 'deai:LogEvidence'],
        'deai:chainId': chainId,
        'deai:txHash': e.txHash,
        'deai:blockNumber': e.blockNumber,
        'deai:logIndex': e.logIndex,
        'deai:blockTime': e.blockTime.toISOString(),
      })
    return { '@id': id }
  }

  for (const n of g.nodes) {
    const node: Json = {
      '@id': n.id,
      '@type': TYPES[n.kind],
      ...(n.label ? { 'rdfs:label': n.label } : {}),
      'deai:chainId': chainOfNode(n.id),
      'deai:resolved': n.resolved,
      ...(n.evidence ? { 'deai:evidence': log(n.evidence, chainOfNode(n.id)) } : {}),
      ...(n.startedAt ? { 'prov:startedAtTime': n.startedAt.toISOString() } : {}),
      ...(n.endedAt ? { 'prov:endedAtTime': n.endedAt.toISOString() } : {}),
    }
    if (n.revoked) {
      // a revoked contribution was invalidated by the revoking transaction (models trained on it remain)
      const by = `revocation:${localId(n.id)}`
      extra.set(by, {
        '@id': by,
        '@type': ['prov:Activity', 'deai:Revocation'],
        ...(n.invalidatedTxHash ? { 'deai:txHash': n.invalidatedTxHash } : {}),
        ...(n.invalidatedAt ? { 'prov:endedAtTime': n.invalidatedAt.toISOString() } : {}),
      })
      node['prov:wasInvalidatedBy'] = { '@id': by }
      if (n.invalidatedAt) node['prov:invalidatedAtTime'] = n.invalidatedAt.toISOString()
    }
    nodes.set(n.id, node)
  }

  const counts = new Map<string, number>()
  for (const e of g.edges) {
    if (e.kind === 'CONTRIBUTED_TO') {
      // the version is a collection of its contributions
      push(nodes.get(e.to)!, 'prov:hadMember', { '@id': e.from })
      continue
    }
    const [plain, qualifiedKey, type, role] = RELATIONS[e.kind]
    const from = nodes.get(e.from)!
    push(from, plain, { '@id': e.to })
    const base = `influence:${e.from}/${type.slice(5).toLowerCase()}/${e.to}`
    const n = (counts.get(base) ?? 0) + 1
    counts.set(base, n)
    const id = n === 1 ? base : `${base}/${n}`
    const reported = e.kind === 'COMPUTED_ON' ? usage.get(`${localId(e.from)}|${localId(e.to)}`) : undefined
    const sum = (k: 'availableSec' | 'rentedSec' | 'grossRevenue' | 'net') =>
      integer(reported!.reduce((a, r) => a + BigInt(r[k]), 0n))
    extra.set(id, {
      '@id': id,
      '@type': type,
      [role]: { '@id': e.to },
      ...(reported
        ? {
            'deai:availableSec': sum('availableSec'),
            'deai:rentedSec': sum('rentedSec'),
            'deai:grossRevenue': sum('grossRevenue'),
            'deai:net': sum('net'),
            'deai:usageReport': reported.map((r) => log(r.evidence, chainOfNode(e.to))),
          }
        : {}),
      ...(e.evidence && INSTANTANEOUS.has(type) ? { 'prov:atTime': e.evidence.blockTime.toISOString() } : {}),
      ...(e.op ? { 'deai:op': e.op } : {}),
      ...(e.weightBps != null ? { 'deai:weightBps': e.weightBps } : {}),
      ...(e.inheritBps != null ? { 'deai:inheritBps': e.inheritBps } : {}),
      ...(e.evidence ? { 'deai:evidence': log(e.evidence, chainOfNode(e.from)) } : {}),
    })
    push(from, qualifiedKey, { '@id': id })
  }
  return { '@context': PROV_CONTEXT, '@graph': [...nodes.values(), ...extra.values()] }
}
