import fs from 'node:fs'
import path from 'node:path'
import type { Address } from 'viem'
import type { NetworkConfig } from '../config/network'
import { CONFIGURED_ROLES, ROLES, type ContractsConfig } from '../contracts/roles'
import { TxBatch } from './txbatch'

/** Addresses of one deployment of the demo contracts. */
export interface Deployment {
  stablecoin: Address
  gpuRegistry: Address
  computeLedger: Address
  gpuVault: Address
  modelTokenFactory: Address
  inferenceRouter: Address
  dataRegistry: Address
  provenanceRegistry: Address
  rawEmitter: Address
  /** a standalone ERC-7641 token (no factory), listed in the network file's modelTokens */
  revenueToken: Address
  deployBlock: number
}

export const OPERATOR_FEE_BPS = 1000n
export const PROTOCOL_FEE_BPS = 500n

/** Deploys every role at simulated time `ts`; `admin` owns the registries and the stablecoin. */
export async function deployAll(chain: TxBatch, admin: Address, treasury: Address, ts: number): Promise<Deployment> {
  const stablecoin = await chain.deploy(admin, 'Stablecoin', ['Demo USD', 'dUSD', 6])
  const gpuRegistry = await chain.deploy(admin, 'GpuRegistry')
  const computeLedger = await chain.deploy(admin, 'ComputeLedger', [
    gpuRegistry,
    treasury,
    Number(OPERATOR_FEE_BPS),
    Number(PROTOCOL_FEE_BPS),
  ])
  // the fleet vault is OpenZeppelin's ERC-4626 as deployed: its yield arrives as plain transfers
  const gpuVault = await chain.deploy(admin, 'Erc4626Vault', [stablecoin, 'GPU Fleet Vault', 'gvUSD'])
  const modelTokenFactory = await chain.deploy(admin, 'ModelTokenFactory')
  const inferenceRouter = await chain.deploy(admin, 'InferenceRouter', [modelTokenFactory])
  const dataRegistry = await chain.deploy(admin, 'DataRegistry')
  const provenanceRegistry = await chain.deploy(admin, 'ProvenanceRegistry')
  const rawEmitter = await chain.deploy(admin, 'RawEmitter')
  // 50 % of its revenue claimable at each snapshot, unclaimed entitlements expire (ORA's rule)
  const revenueToken = await chain.deploy(admin, 'Erc7641Token', [
    'Atlas Model Shares',
    'ATLAS',
    1_000_000n * 10n ** 18n,
    50n,
    0n,
    true,
  ])
  await chain.mine(ts)
  const deployBlock = Number(await chain.rpc<string>('eth_blockNumber', []))
  return {
    stablecoin,
    gpuRegistry,
    computeLedger,
    gpuVault,
    modelTokenFactory,
    inferenceRouter,
    dataRegistry,
    provenanceRegistry,
    rawEmitter,
    revenueToken,
    deployBlock,
  }
}

/** anvil's default chain id */
export const DEMO_CHAIN_ID = 31337

/** The network file the processor reads for this deployment. */
export function networkConfigFor(
  d: Deployment,
  rpcUrl: string,
  finalityConfirmation = 5,
  chain: { chainId: number; name: string; resolve?: NetworkConfig['resolve'] } = {
    chainId: DEMO_CHAIN_ID,
    name: 'local',
  },
): NetworkConfig {
  return {
    name: chain.name,
    chainId: chain.chainId,
    rpcUrl,
    gatewayUrl: null,
    finalityConfirmation,
    fromBlock: 0,
    toBlock: null,
    rpcTimeoutMs: 30_000,
    explorerUrl: null,
    modelTokens: [{ address: d.revenueToken.toLowerCase(), standard: 'erc7641' }],
    vaultSampleSec: 3600,
    nativeSymbol: 'ETH',
    resolve: chain.resolve ?? { gpusOnChain: chain.chainId, datasetsOnChain: chain.chainId },
    // each role at the deployed contract of its ABI's name (one vault)
    contracts: Object.fromEntries(
      CONFIGURED_ROLES.map((r) => {
        const a = d[ROLES[r].abi].toLowerCase()
        return [r, ROLES[r].addresses === 'many' ? [a] : a]
      }),
    ) as ContractsConfig,
  }
}

export function writeNetworkConfig(file: string, config: NetworkConfig): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify(config, null, 2) + '\n')
}
