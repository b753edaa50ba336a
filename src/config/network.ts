import fs from 'node:fs'
import { CONFIGURED_ROLES, ROLES, type ContractsConfig } from '../contracts/roles'
import { ConfigError } from './errors'

/** Addresses of the contracts to index, by role; a missing or null one means that role is not indexed. */
export type { ContractsConfig }

export interface NetworkConfig {
  name: string
  chainId: number
  rpcUrl: string
  gatewayUrl: string | null
  finalityConfirmation: number
  fromBlock: number
  toBlock: number | null
  /** how long one RPC request may take before it is abandoned and retried (default 30 s) */
  rpcTimeoutMs: number
  /** a block explorer's base URL: the dashboard links tx hashes and addresses to `<url>/tx/…`, `<url>/address/…` */
  explorerUrl: string | null
  contracts: ContractsConfig
  /** model tokens not created by the factory, followed from the start (docs/interface.md) */
  modelTokens: StandaloneToken[]
  /** a CHAIN vault's state is read at least once per this many seconds of chain time (default 3600) */
  vaultSampleSec: number
  /** symbol of the chain's native coin, the asset at the zero address (default ETH) */
  nativeSymbol: string
  /** the chains on which training runs' GPU and dataset-version references resolve (default: this chain) */
  resolve: { gpusOnChain: number; datasetsOnChain: number }
}

/** `erc7641`: ERC-7641 as written (Transfer and Snapshot only); `deai`: our own token events. */
export type TokenStandardName = 'erc7641' | 'deai'

export interface StandaloneToken {
  address: string
  standard: TokenStandardName
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

type Json = Record<string, unknown>

function str(o: Json, key: string, path: string): string {
  const v = o[key]
  if (typeof v !== 'string' || v.length === 0) throw new ConfigError(path, `must be a non-empty string, got ${show(v)}`)
  return v
}

function nat(o: Json, key: string, path: string, nullable = false): number | null {
  const v = o[key]
  if (v == null && nullable) return null
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new ConfigError(path, `must be a non-negative integer${nullable ? ' or null' : ''}, got ${show(v)}`)
  }
  return v
}

function address(v: unknown, path: string): string {
  if (typeof v !== 'string' || !ADDRESS.test(v))
    throw new ConfigError(path, `must be a 0x-prefixed 20-byte address, got ${show(v)}`)
  return v.toLowerCase()
}

function url(v: string, path: string): string {
  try {
    const u = new URL(v)
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) throw new Error()
  } catch {
    throw new ConfigError(path, `must be an http(s) or ws(s) URL, got ${show(v)}`)
  }
  return v
}

function httpUrl(v: string, path: string): string {
  try {
    if (!['http:', 'https:'].includes(new URL(v).protocol)) throw new Error()
  } catch {
    throw new ConfigError(path, `must be an http(s) URL, got ${show(v)}`)
  }
  return v
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing (missing)'
  const s = JSON.stringify(v)
  return s.length > 60 ? s.slice(0, 57) + '...' : s
}

/** Validates a parsed network file. `source` prefixes field paths in errors (the file name). */
export function parseNetworkConfig(raw: unknown, rpcUrlOverride?: string): NetworkConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ConfigError('(root)', 'must be a JSON object')
  const o = raw as Json
  const name = str(o, 'name', 'name')
  const chainId = nat(o, 'chainId', 'chainId')!
  const rpcUrl = url(rpcUrlOverride || str(o, 'rpcUrl', 'rpcUrl'), rpcUrlOverride ? 'RPC_URL' : 'rpcUrl')
  const gatewayUrl = o.gatewayUrl == null ? null : url(str(o, 'gatewayUrl', 'gatewayUrl'), 'gatewayUrl')
  const finalityConfirmation = nat(o, 'finalityConfirmation', 'finalityConfirmation')!
  if (finalityConfirmation < 1) throw new ConfigError('finalityConfirmation', 'must be at least 1')
  const fromBlock = o.fromBlock == null ? 0 : nat(o, 'fromBlock', 'fromBlock')!
  const toBlock = nat(o, 'toBlock', 'toBlock', true)
  if (toBlock != null && toBlock < fromBlock)
    throw new ConfigError('toBlock', `must not be below fromBlock (${fromBlock})`)

  const rpcTimeoutMs = o.rpcTimeoutMs == null ? 30_000 : nat(o, 'rpcTimeoutMs', 'rpcTimeoutMs')!
  if (rpcTimeoutMs < 100)
    throw new ConfigError('rpcTimeoutMs', `must be at least 100 (milliseconds), got ${rpcTimeoutMs}`)

  const explorerUrl =
    o.explorerUrl == null ? null : httpUrl(str(o, 'explorerUrl', 'explorerUrl'), 'explorerUrl').replace(/\/+$/, '')

  const c = o.contracts
  if (typeof c !== 'object' || c === null || Array.isArray(c)) throw new ConfigError('contracts', 'must be an object')
  const cj = c as Json
  const contracts = {} as Record<string, string | string[] | null>
  for (const key of CONFIGURED_ROLES) {
    const v = cj[key]
    if (ROLES[key].addresses === 'many') {
      if (v != null && !Array.isArray(v)) throw new ConfigError(`contracts.${key}`, 'must be an array of addresses')
      contracts[key] = ((v ?? []) as unknown[]).map((a, i) => address(a, `contracts.${key}[${i}]`))
    } else contracts[key] = v == null ? null : address(v, `contracts.${key}`)
  }
  const known = new Set<string>(CONFIGURED_ROLES)
  for (const key of Object.keys(cj)) {
    if (!known.has(key))
      throw new ConfigError(`contracts.${key}`, `unknown contract role (known: ${[...known].join(', ')})`)
  }
  const modelTokens = standaloneTokens(o.modelTokens)
  const vaultSampleSec = o.vaultSampleSec == null ? 3600 : nat(o, 'vaultSampleSec', 'vaultSampleSec')!
  if (vaultSampleSec < 1) throw new ConfigError('vaultSampleSec', 'must be at least 1 (seconds)')
  const nativeSymbol = o.nativeSymbol == null ? 'ETH' : str(o, 'nativeSymbol', 'nativeSymbol')
  if (nativeSymbol.length > 32)
    throw new ConfigError('nativeSymbol', `must be at most 32 characters, got ${show(nativeSymbol)}`)
  const resolve = resolveChains(o.resolve, chainId)
  return {
    name,
    chainId,
    rpcUrl,
    gatewayUrl,
    finalityConfirmation,
    fromBlock,
    toBlock,
    rpcTimeoutMs,
    explorerUrl,
    contracts: contracts as ContractsConfig,
    modelTokens,
    vaultSampleSec,
    nativeSymbol,
    resolve,
  }
}

/** `resolve`: where a training run's references point (docs/interface.md, "Many chains"). */
function resolveChains(v: unknown, own: number): NetworkConfig['resolve'] {
  if (v == null) return { gpusOnChain: own, datasetsOnChain: own }
  if (typeof v !== 'object' || Array.isArray(v))
    throw new ConfigError('resolve', 'must be an object { "gpusOnChain", "datasetsOnChain" }')
  const o = v as Json
  for (const key of Object.keys(o)) {
    if (key !== 'gpusOnChain' && key !== 'datasetsOnChain')
      throw new ConfigError(`resolve.${key}`, 'unknown field (known: gpusOnChain, datasetsOnChain)')
  }
  return {
    gpusOnChain: o.gpusOnChain == null ? own : nat(o, 'gpusOnChain', 'resolve.gpusOnChain')!,
    datasetsOnChain: o.datasetsOnChain == null ? own : nat(o, 'datasetsOnChain', 'resolve.datasetsOnChain')!,
  }
}

function standaloneTokens(v: unknown): StandaloneToken[] {
  if (v == null) return []
  if (!Array.isArray(v)) throw new ConfigError('modelTokens', 'must be an array of { "address", "standard" }')
  return v.map((t, i) => {
    const path = `modelTokens[${i}]`
    if (typeof t !== 'object' || t === null || Array.isArray(t)) throw new ConfigError(path, 'must be an object')
    const o = t as Json
    const standard = o.standard ?? 'erc7641'
    if (standard !== 'erc7641' && standard !== 'deai')
      throw new ConfigError(`${path}.standard`, `must be "erc7641" or "deai", got ${show(standard)}`)
    for (const key of Object.keys(o)) {
      if (key !== 'address' && key !== 'standard')
        throw new ConfigError(`${path}.${key}`, 'unknown field (known: address, standard)')
    }
    return { address: address(o.address, `${path}.address`), standard }
  })
}

/** Reads and validates the network file at `path`. */
export function loadNetworkConfig(path: string | undefined, rpcUrlOverride?: string): NetworkConfig {
  if (!path)
    throw new ConfigError('NETWORK_CONFIG', 'is not set (path of a network JSON file, e.g. config/networks/local.json)')
  let text: string
  try {
    text = fs.readFileSync(path, 'utf8')
  } catch (e: any) {
    throw new ConfigError('NETWORK_CONFIG', `cannot read ${path}: ${e.code ?? e.message}`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e: any) {
    throw new ConfigError('NETWORK_CONFIG', `${path} is not valid JSON: ${e.message}`)
  }
  try {
    return parseNetworkConfig(raw, rpcUrlOverride)
  } catch (e) {
    // several files may be configured: the message names the file as well as the field
    if (e instanceof ConfigError && e.field !== 'RPC_URL') throw new ConfigError(`${path}: ${e.field}`, e.problem)
    throw e
  }
}
