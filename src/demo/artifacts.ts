import fs from 'node:fs'
import path from 'node:path'
import type { Abi, Hex } from 'viem'
import { PROJECT_ROOT } from '../config/env'
import type { Role, ROLES } from '../contracts/roles'

/** A role's reference contract (src/contracts/roles.ts). */
type RoleContract = (typeof ROLES)[Role]['contract']
/**
 * Compiled contracts (contracts/out, written by `npm run build:contracts`): each role's reference
 * contract, its bench emitter `Bulk<contract>` (contracts/bench; `BulkChainVault` answers the vault's state calls), the demo's stablecoin and raw
 * emitter, and the standard contracts of the tests (contracts/test: OpenZeppelin vaults and tokens).
 */
export type ContractName =
  | RoleContract
  | `Bulk${RoleContract}`
  | 'BulkChainVault'
  | 'Stablecoin'
  | 'RawEmitter'
  | 'PlainVault'
  | 'OffsetVault'
  | 'StrategyVault'
  | 'TestToken'
  | 'Bytes32Token'
  | 'Erc7641Factory'
  | 'Erc4626Vault'
  | 'NoiseToken'
  | 'NoisePair'
  | 'NoiseHub'

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
  'Erc7641Token',
  'Erc4626Vault',
  'PlainVault',
  'StrategyVault',
  'TestToken',
]

export function allArtifacts(): Artifact[] {
  return NAMES.map(artifact)
}
