import { type Address, type Hex, stringToHex } from 'viem'
import type { Deployment } from './deploy'
import type { MalformedCase } from './malformed'

/** The demo economy's units, time and the record of what it did (SimResult), shared by its parts. */
export type DemoSize = 'small' | 'medium' | 'large'

export const DAY = 86400
/** Monday 2026-09-07 00:00 UTC: simulated time starts here. */
export const DEMO_START = Date.UTC(2026, 8, 7) / 1000
export const USD = 1_000_000n // dUSD has 6 decimals
export const TOKEN = 10n ** 18n

export interface SimGpu {
  gpuId: bigint
  sku: string
  region: string
  operator: Address
  owner: Address
  valuation: bigint
  registeredDay: number
  retiredDay: number | null
}

export interface SimUsage {
  gpuId: bigint
  epoch: number
  epochStart: number
  availableSec: number
  rentedSec: number
  gross: bigint
  corrected: boolean
}

export interface SimResult {
  deployment: Deployment
  accounts: Address[]
  start: number
  end: number
  gpus: SimGpu[]
  /** final (post-correction) usage per GPU epoch */
  usage: SimUsage[]
  revaluations: { gpuId: bigint; day: number; valuation: bigint }[]
  transfers: { gpuId: bigint; from: Address; to: Address; day: number }[]
  malformed: MalformedCase[]
  /** model tokens by modelId - 1 */
  tokens: Address[]
  offerings: SimOffering[]
  /** inference calls in request order (requestId = index + 1) */
  requests: {
    modelId: number
    caller: Address
    fee: bigint
    day: number
    fulfilled: boolean
  }[]
  ids: Record<string, Hex>
  contributions: {
    id: number
    version: Hex
    contributor: Address
    items: number
    qualityBps: number
    revoked: boolean
  }[]
  rewards: { epochId: bigint; recipients: Address[]; amounts: bigint[]; claimed: number }
  txs: number
  headBlock: number
  headHash: Hex
}

export interface SimOffering {
  name: string
  symbol: string
  supply: bigint
  sale: bigint
  target: bigint
  bps: number
  creator: Address
  /** whole dUSD per deposit; deposit k comes from investors[(modelIndex + k) % investors.length] */
  deposits: bigint[]
}

/** bytes32("ASCII"), right-padded with NULs. */
export function label(s: string): Hex {
  return stringToHex(s, { size: 32 })
}
