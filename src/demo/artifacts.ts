import fs from 'node:fs'
import path from 'node:path'
import type { Abi, Hex } from 'viem'
import { PROJECT_ROOT } from '../config/env'

/** Compiled demo contracts (contracts/out, written by `npm run build:contracts`). */
export type ContractName =
  | 'Stablecoin'
  | 'GpuRegistry'
  | 'ComputeLedger'
  | 'GpuVault'
  | 'ModelToken'
  | 'ModelTokenFactory'
  | 'InferenceRouter'
  | 'DataRegistry'
  | 'ProvenanceRegistry'
  | 'RawEmitter'
  | 'BulkGpuRegistry'
  | 'BulkComputeLedger'
  | 'BulkVault'
  | 'BulkModelTokenFactory'
  | 'BulkModelToken'
  | 'BulkInferenceRouter'
  | 'BulkDataRegistry'
  | 'BulkProvenanceRegistry'

export interface Artifact {
  abi: Abi
  bytecode: Hex
}

const cache = new Map<ContractName, Artifact>()

export function artifact(name: ContractName): Artifact {
  let a = cache.get(name)
  if (!a) {
    const file = path.join(PROJECT_ROOT, 'contracts', 'out', `${name}.json`)
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "npm run build:contracts"`)
    a = JSON.parse(fs.readFileSync(file, 'utf8')) as Artifact
    cache.set(name, a)
  }
  return a
}

const NAMES: ContractName[] = [
  'Stablecoin',
  'GpuRegistry',
  'ComputeLedger',
  'GpuVault',
  'ModelToken',
  'ModelTokenFactory',
  'InferenceRouter',
  'DataRegistry',
  'ProvenanceRegistry',
  'RawEmitter',
]

export function allArtifacts(): Artifact[] {
  return NAMES.map(artifact)
}
