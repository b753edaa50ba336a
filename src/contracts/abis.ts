import * as computeLedger from '../abi/computeLedger'
import * as dataRegistry from '../abi/dataRegistry'
import * as erc7641Token from '../abi/erc7641Token'
import * as gpuRegistry from '../abi/gpuRegistry'
import * as gpuVault from '../abi/gpuVault'
import * as inferenceRouter from '../abi/inferenceRouter'
import * as modelToken from '../abi/modelToken'
import * as modelTokenFactory from '../abi/modelTokenFactory'
import * as provenanceRegistry from '../abi/provenanceRegistry'
import type { Role } from './roles'

/** The generated ABI module of each role (src/abi): a role added to roles.ts without one fails to compile. */
export const ABIS = {
  gpuRegistry,
  computeLedger,
  gpuVaults: gpuVault,
  modelTokenFactory,
  modelToken,
  erc7641Token,
  inferenceRouter,
  dataRegistry,
  provenanceRegistry,
} satisfies Record<Role, { events: Record<string, { topic: string }> }>

/** topic0 of every event of a role: a log we cannot decode still reaches us and is recorded as rejected. */
export function topicsOf(role: Role): string[] {
  return Object.values(ABIS[role].events).map((e) => e.topic)
}
