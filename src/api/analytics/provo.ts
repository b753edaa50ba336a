import type { EvidenceRow } from '../db/provenance'
import type { Graph, GraphEdge, GraphNode } from './lineage'

/**
 * A lineage graph as W3C PROV-O in JSON-LD. Model versions, dataset versions, contributions and GPUs
 * are prov:Entity, training runs prov:Activity, accounts prov:Agent. Each relation is also given in
 * its qualified form carrying the on-chain evidence (the log that proves it).
 */
export const PROV_CONTEXT = {
  prov: 'http://www.w3.org/ns/prov#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  deai: 'https://github.com/deai-squid/deai-squid/ns#',
  model: 'urn:deai:model:',
  run: 'urn:deai:run:',
  dataset: 'urn:deai:dataset:',
  contribution: 'urn:deai:contribution:',
  account: 'urn:deai:account:',
  gpu: 'urn:deai:gpu:',
  'prov:atTime': { '@type': 'xsd:dateTime' },
}

type Json = Record<string, unknown>

function evidence(e: EvidenceRow | null): Json | undefined {
  if (!e) return undefined
  return {
    '@type': 'deai:LogEvidence',
    'deai:txHash': e.txHash,
    'deai:blockNumber': e.blockNumber,
    'deai:logIndex': e.logIndex,
    'prov:atTime': e.blockTime.toISOString(),
  }
}

const TYPES: Record<GraphNode['kind'], string[]> = {
  MODEL_VERSION: ['prov:Entity', 'deai:ModelVersion'],
  DATASET_VERSION: ['prov:Entity', 'prov:Collection', 'deai:DatasetVersion'],
  CONTRIBUTION: ['prov:Entity', 'deai:Contribution'],
  GPU: ['prov:Entity', 'deai:Gpu'],
  TRAINING_RUN: ['prov:Activity', 'deai:TrainingRun'],
  ACCOUNT: ['prov:Agent', 'deai:Account'],
}

function push(node: Json, key: string, value: unknown) {
  const cur = node[key]
  node[key] = cur == null ? [value] : [...(cur as unknown[]), value]
}

export function toProvJsonLd(g: Graph): Json {
  const nodes = new Map<string, Json>()
  for (const n of g.nodes) {
    nodes.set(n.id, {
      '@id': n.id,
      '@type': TYPES[n.kind],
      ...(n.label ? { 'prov:label': n.label } : {}),
      'deai:resolved': n.resolved,
      ...(n.kind === 'CONTRIBUTION' ? { 'deai:revoked': n.revoked } : {}),
      ...(n.evidence ? { 'deai:evidence': evidence(n.evidence) } : {}),
    })
  }
  const qualified = (e: GraphEdge, type: string, role: string) => ({
    '@type': type,
    [role]: { '@id': e.to },
    ...(e.op ? { 'deai:op': e.op } : {}),
    ...(e.weightBps != null ? { 'deai:weightBps': e.weightBps } : {}),
    ...(e.inheritBps != null ? { 'deai:inheritBps': e.inheritBps } : {}),
    ...(e.evidence ? { 'deai:evidence': evidence(e.evidence) } : {}),
  })
  for (const e of g.edges) {
    const from = nodes.get(e.from)!
    const to = { '@id': e.to }
    switch (e.kind) {
      case 'GENERATED_BY':
        push(from, 'prov:wasGeneratedBy', to)
        push(from, 'prov:qualifiedGeneration', qualified(e, 'prov:Generation', 'prov:activity'))
        break
      case 'FINETUNED_FROM':
      case 'DERIVED_FROM':
        push(from, 'prov:wasDerivedFrom', to)
        push(from, 'prov:qualifiedDerivation', qualified(e, 'prov:Derivation', 'prov:entity'))
        break
      case 'TRAINED_ON':
      case 'COMPUTED_ON':
        push(from, 'prov:used', to)
        push(from, 'prov:qualifiedUsage', qualified(e, 'prov:Usage', 'prov:entity'))
        break
      case 'ATTESTED_BY':
        push(from, 'prov:wasAssociatedWith', to)
        push(from, 'prov:qualifiedAssociation', qualified(e, 'prov:Association', 'prov:agent'))
        break
      case 'CONTRIBUTED_BY':
      case 'OWNED_BY':
        push(from, 'prov:wasAttributedTo', to)
        push(from, 'prov:qualifiedAttribution', qualified(e, 'prov:Attribution', 'prov:agent'))
        break
      case 'CONTRIBUTED_TO':
        // the version is a collection of its contributions
        push(nodes.get(e.to)!, 'prov:hadMember', { '@id': e.from })
        break
    }
  }
  return { '@context': PROV_CONTEXT, '@graph': [...nodes.values()] }
}
