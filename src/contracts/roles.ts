/**
 * The contract roles the indexer reads, declared once: each role's key in a network file's
 * `contracts`, how many addresses it takes ('one', 'many', or 'followed': not in `contracts` but
 * created by the model token factory or listed in `modelTokens`, and followed from then on), the
 * events it emits, the functions it calls on them or decodes from their transactions (`calls`), and
 * the reference contract whose ABI holds both. scripts/compile-contracts.mjs reads this file to write each role's event ABI (abi/<abi>.json,
 * then src/abi by `npm run typegen`); the config, the processor's subscriptions and the domains derive
 * their lists from it.
 *
 * Plain data with no imports, so the compile script can load it before anything is built.
 */
export const ROLES = {
  gpuRegistry: {
    contract: 'GpuRegistry',
    abi: 'gpuRegistry',
    addresses: 'one',
    events: ['Transfer', 'GpuRegistered', 'GpuStatusChanged', 'GpuRevalued'],
  },
  computeLedger: {
    contract: 'ComputeLedger',
    abi: 'computeLedger',
    addresses: 'one',
    events: ['UsageReported', 'RevenueDistributed'],
  },
  gpuVaults: {
    contract: 'GpuVault',
    abi: 'gpuVault',
    addresses: 'many',
    events: ['Transfer', 'Deposit', 'Withdraw', 'YieldAccrued'],
    // ERC-4626 state, read from the chain where the vault answers (docs/interface.md, "Any ERC-4626 vault")
    calls: ['asset', 'totalAssets', 'totalSupply', 'decimals'],
  },
  modelTokenFactory: {
    contract: 'ModelTokenFactory',
    abi: 'modelTokenFactory',
    addresses: 'one',
    events: ['ModelTokenCreated', 'ImoOpened', 'ImoDeposited', 'ImoFinalized', 'ImoClaimed'],
  },
  modelToken: {
    contract: 'ModelToken',
    abi: 'modelToken',
    addresses: 'followed',
    events: ['Transfer', 'RevenueReceived', 'RevenueSnapshot', 'RevenueClaimed', 'BurnRedeemed'],
  },
  erc7641Token: {
    contract: 'Erc7641Token',
    abi: 'erc7641Token',
    addresses: 'followed',
    events: ['Transfer', 'Snapshot'],
    // state reads, and the transactions whose calls are claims and burns (docs/interface.md, "ERC-7641 tokens")
    calls: ['percentClaimable', 'claimableRevenue', 'totalSupplyAt', 'redeemableOnBurn', 'claim', 'claimBatch', 'burn'],
  },
  inferenceRouter: {
    contract: 'InferenceRouter',
    abi: 'inferenceRouter',
    addresses: 'one',
    events: ['InferenceRequested', 'InferenceFulfilled'],
  },
  dataRegistry: {
    contract: 'DataRegistry',
    abi: 'dataRegistry',
    addresses: 'one',
    events: [
      'DatasetRegistered',
      'DatasetVersionPublished',
      'DatasetDerived',
      'ContributionRecorded',
      'ContributionRevoked',
    ],
  },
  provenanceRegistry: {
    contract: 'ProvenanceRegistry',
    abi: 'provenanceRegistry',
    addresses: 'one',
    events: ['ModelVersionPublished', 'TrainingRunAttested', 'RewardsAllocated', 'RewardClaimed'],
  },
} as const

export type Role = keyof typeof ROLES

/** Roles a network file names addresses for. */
export type ConfiguredRole = { [K in Role]: (typeof ROLES)[K]['addresses'] extends 'followed' ? never : K }[Role]
export const CONFIGURED_ROLES = (Object.keys(ROLES) as Role[]).filter(
  (r): r is ConfiguredRole => ROLES[r].addresses !== 'followed',
)

/** The `contracts` of a network file: an address (or null) per role of one, a list per role of many. */
export type ContractsConfig = {
  [K in ConfiguredRole]: (typeof ROLES)[K]['addresses'] extends 'many' ? string[] : string | null
}

/** The addresses configured for a role (none, one or many). */
export function addressesOf(contracts: ContractsConfig, role: ConfiguredRole): string[] {
  const v: string | string[] | null = contracts[role]
  return v == null ? [] : Array.isArray(v) ? v : [v]
}

/** Every address a network file configures, of any role. */
export function configuredAddresses(contracts: ContractsConfig): string[] {
  return CONFIGURED_ROLES.flatMap((r) => addressesOf(contracts, r))
}
