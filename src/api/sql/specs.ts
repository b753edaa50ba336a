import type { TableSpec } from './tables'

/**
 * The tables behind the API's entities. `$.` is the table alias. Column lists name the GraphQL
 * fields; amounts are cast to text so they reach the client exact.
 */
const EV = {
  txHash: '$.tx_hash',
  blockNumber: '$.block_number',
  blockTime: '$.block_time',
  logIndex: '$.log_index',
}
/** the id an item has on its own chain: a stored id without its `<chainId>:` (src/mappings/shared/chain.ts) */
const NATIVE = `split_part($.id, ':', 2)`
/** every table can be narrowed to one chain */
const CHAIN_FILTER = '$.chain_id = ?'
/** chain order by block (ties by id); block_number is a plain int column, so keyset paging stays simple */
const BLOCK = '$.block_number'

export const ACCOUNT: TableSpec = {
  table: 'account',
  columns: { id: '$.id', chainId: '$.chain_id', address: NATIVE, firstSeenAt: '$.first_seen_at' },
  orders: { FIRST_SEEN: '$.first_seen_at', ID: '$.id' },
  defaultOrder: 'FIRST_SEEN',
  filters: { chainId: CHAIN_FILTER },
}

export const GPU: TableSpec = {
  table: 'gpu',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    gpuId: '$.gpu_id::text',
    ownerId: '$.owner_id',
    operatorId: '$.operator_id',
    sku: '$.sku',
    region: '$.region',
    status: '$.status',
    valuation: '$.valuation::text',
    valuationAsset: '$.valuation_asset',
    registeredAt: '$.registered_at',
    registeredBlock: '$.registered_block',
    txHash: '$.tx_hash',
    blockNumber: '$.registered_block',
    blockTime: '$.registered_at',
    logIndex: '$.log_index',
  },
  orders: { GPU_ID: '$.gpu_id', REGISTERED: '$.registered_block', VALUATION: '$.valuation' },
  defaultOrder: 'GPU_ID',
  filters: {
    chainId: CHAIN_FILTER,
    operator: '$.operator_id = ANY(?)',
    owner: '$.owner_id = ANY(?)',
    sku: '$.sku = ?',
    region: '$.region = ?',
    status: '$.status = ?',
  },
  where: {
    gpuId: { column: '$.gpu_id', kind: 'bigint', indexed: true },
    sku: { column: '$.sku', kind: 'string', indexed: true },
    region: { column: '$.region', kind: 'string', indexed: true },
    status: { column: '$.status', kind: 'string' },
    valuation: { column: '$.valuation', kind: 'bigint' },
    registeredAt: { column: '$.registered_at', kind: 'datetime', indexed: true },
    registeredBlock: { column: '$.registered_block', kind: 'int' },
    owner: { column: '$.owner_id', kind: 'address', indexed: true },
    operator: { column: '$.operator_id', kind: 'address', indexed: true },
  },
}

export const GPU_TRANSFER: TableSpec = {
  table: 'gpu_transfer',
  columns: { id: '$.id', chainId: '$.chain_id', gpuId: '$.gpu_id', from: '$."from"', toId: '$.to_id', ...EV },
  orders: { BLOCK },
  defaultOrder: 'BLOCK',
  filters: { chainId: CHAIN_FILTER },
}

export const USAGE_RECORD: TableSpec = {
  table: 'usage_record',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    gpuId: '$.gpu_id',
    epoch: '$.epoch::text',
    epochStart: '$.epoch_start',
    epochLength: '$.epoch_length',
    availableSec: '$.available_sec',
    rentedSec: '$.rented_sec',
    grossRevenue: '$.gross_revenue::text',
    asset: '$.asset',
    reports: '$.reports',
    ...EV,
  },
  orders: { EPOCH_START: '$.epoch_start', BLOCK },
  defaultOrder: 'EPOCH_START',
  filters: {
    chainId: CHAIN_FILTER,
    gpuId: '$.gpu_id = ANY(?)',
    epochStartFrom: '$.epoch_start >= ?',
    epochStartTo: '$.epoch_start < ?',
    corrected: '($.reports > 1) = ?',
  },
  where: {
    gpu: { column: '$.gpu_id', kind: 'decimalId', indexed: true },
    epoch: { column: '$.epoch', kind: 'bigint' },
    epochStart: { column: '$.epoch_start', kind: 'datetime', indexed: true },
    availableSec: { column: '$.available_sec', kind: 'int' },
    rentedSec: { column: '$.rented_sec', kind: 'int' },
    grossRevenue: { column: '$.gross_revenue', kind: 'bigint' },
    reports: { column: '$.reports', kind: 'int' },
  },
}

export const ASSET: TableSpec = {
  table: 'asset',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    address: NATIVE,
    symbol: '$.symbol',
    name: '$.name',
    decimals: '$.decimals',
  },
  orders: { ID: '$.id' },
  defaultOrder: 'ID',
  filters: { chainId: CHAIN_FILTER },
}

export const VAULT: TableSpec = {
  table: 'vault',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    address: NATIVE,
    asset: '$.asset',
    assetDecimals: '$.asset_decimals',
    shareDecimals: '$.share_decimals',
    stateSource: '$.state_source',
    totalAssets: '$.total_assets::text',
    totalSupply: '$.total_supply::text',
    pricePerShare: '$.price_per_share::float8',
    firstEventAt: '$.first_event_at',
    lastEventAt: '$.last_event_at',
    depositCount: '$.deposit_count',
    withdrawalCount: '$.withdrawal_count',
  },
  orders: { ID: '$.id', TOTAL_ASSETS: '$.total_assets' },
  defaultOrder: 'ID',
  filters: { chainId: CHAIN_FILTER },
  where: {
    address: { column: '$.id', kind: 'address', indexed: true },
    asset: { column: '$.asset', kind: 'string' },
    stateSource: { column: '$.state_source', kind: 'string' },
    totalAssets: { column: '$.total_assets', kind: 'bigint' },
    depositCount: { column: '$.deposit_count', kind: 'int' },
    lastEventAt: { column: '$.last_event_at', kind: 'datetime' },
  },
}

export const MODEL_TOKEN: TableSpec = {
  table: 'model_token',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    address: NATIVE,
    standard: '$.standard',
    modelId: '$.model_id::text',
    factory: '$.factory',
    creatorId: '$.creator_id',
    name: '$.name',
    symbol: '$.symbol',
    initialSupply: '$.initial_supply::text',
    totalSupply: '$.total_supply::text',
    claimableBps: '$.claimable_bps',
    revenueAsset: '$.revenue_asset',
    revenueReceived: '$.revenue_received::text',
    claimableTotal: '$.claimable_total::text',
    claimedTotal: '$.claimed_total::text',
    burned: '$.burned::text',
    burnPaid: '$.burn_paid::text',
    snapshotCount: '$.snapshot_count',
    holderCount: '$.holder_count',
    ...EV,
  },
  orders: { MODEL_ID: '$.model_id', REVENUE_RECEIVED: '$.revenue_received', CREATED: BLOCK },
  defaultOrder: 'MODEL_ID',
  filters: { chainId: CHAIN_FILTER, creator: '$.creator_id = ANY(?)' },
  where: {
    address: { column: '$.id', kind: 'address', indexed: true },
    modelId: { column: '$.model_id', kind: 'bigint', indexed: true },
    creator: { column: '$.creator_id', kind: 'address', indexed: true },
    standard: { column: '$.standard', kind: 'string' },
    symbol: { column: '$.symbol', kind: 'string' },
    name: { column: '$.name', kind: 'string' },
    revenueReceived: { column: '$.revenue_received', kind: 'bigint' },
    holderCount: { column: '$.holder_count', kind: 'int' },
  },
}

export const OFFERING: TableSpec = {
  table: 'offering',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    modelId: '$.model_id::text',
    tokenId: '$.token_id',
    tokensForSale: '$.tokens_for_sale::text',
    target: '$.target::text',
    raiseAsset: '$.raise_asset',
    startTime: '$.start_time',
    endTime: '$.end_time',
    deposited: '$.deposited::text',
    depositCount: '$.deposit_count',
    investorCount: '$.investor_count',
    status: '$.status',
    raised: '$.raised::text',
    price: '$.price::text',
    finalizedAt: '$.finalized_at',
    finalizedTxHash: '$.finalized_tx_hash',
    ...EV,
  },
  orders: { MODEL_ID: '$.model_id', DEPOSITED: '$.deposited', CREATED: BLOCK },
  defaultOrder: 'MODEL_ID',
  filters: { chainId: CHAIN_FILTER, status: '$.status = ?' },
}

export const HOLDER: TableSpec = {
  table: 'holder',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    tokenId: '$.token_id',
    accountId: '$.account_id',
    balance: '$.balance::text',
  },
  orders: { BALANCE: '$.balance', ID: '$.id' },
  defaultOrder: 'BALANCE',
  filters: {
    chainId: CHAIN_FILTER,
    token: '$.token_id = ANY(?)',
    account: '$.account_id = ANY(?)',
    positive: '($.balance > 0) = ?',
  },
  where: {
    token: { column: '$.token_id', kind: 'address', indexed: true },
    account: { column: '$.account_id', kind: 'address', indexed: true },
    balance: { column: '$.balance', kind: 'bigint', indexed: true },
  },
}

export const SNAPSHOT: TableSpec = {
  table: 'revenue_snapshot',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    tokenId: '$.token_id',
    snapshotId: '$.snapshot_id::text',
    newRevenue: '$.new_revenue::text',
    claimable: '$.claimable::text',
    totalSupply: '$.total_supply::text',
    claimedTotal: '$.claimed_total::text',
    ...EV,
  },
  orders: { BLOCK },
  defaultOrder: 'BLOCK',
  filters: { chainId: CHAIN_FILTER, token: '$.token_id = ANY(?)' },
}

export const DATASET: TableSpec = {
  table: 'dataset',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    datasetId: NATIVE,
    ownerId: '$.owner_id',
    license: '$.license',
    uri: '$.uri',
    ...EV,
  },
  orders: { BLOCK, ID: '$.id' },
  defaultOrder: 'BLOCK',
  filters: { chainId: CHAIN_FILTER, owner: '$.owner_id = ANY(?)' },
  where: {
    datasetId: { column: '$.id', kind: 'bytes32', indexed: true },
    owner: { column: '$.owner_id', kind: 'address', indexed: true },
    license: { column: '$.license', kind: 'string' },
    uri: { column: '$.uri', kind: 'string' },
    blockNumber: { column: '$.block_number', kind: 'int' },
  },
}

export const DATASET_VERSION: TableSpec = {
  table: 'dataset_version',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    versionId: NATIVE,
    datasetId: '$.dataset_id',
    version: '$.version',
    contentRoot: '$.content_root',
    records: '$.records::text',
    sizeBytes: '$.size_bytes::text',
    inheritBpsTotal: '$.inherit_bps_total',
    ...EV,
  },
  orders: { BLOCK, VERSION: '$.version' },
  defaultOrder: 'BLOCK',
  filters: { chainId: CHAIN_FILTER, dataset: '$.dataset_id = ANY(?)' },
  where: {
    versionId: { column: '$.id', kind: 'bytes32', indexed: true },
    dataset: { column: '$.dataset_id', kind: 'bytes32', indexed: true },
    version: { column: '$.version', kind: 'int' },
    records: { column: '$.records', kind: 'bigint' },
    sizeBytes: { column: '$.size_bytes', kind: 'bigint' },
    blockNumber: { column: '$.block_number', kind: 'int' },
  },
}

export const DERIVATION: TableSpec = {
  table: 'dataset_derivation',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    childId: '$.child_id',
    parentId: '$.parent_id',
    op: '$.op',
    inheritBps: '$.inherit_bps',
    ...EV,
  },
  orders: { BLOCK },
  defaultOrder: 'BLOCK',
  filters: { chainId: CHAIN_FILTER },
}

export const CONTRIBUTION: TableSpec = {
  table: 'contribution',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    contributionId: '$.contribution_id::text',
    versionId: '$.version_id',
    contributorId: '$.contributor_id',
    kind: '$.kind',
    itemsRoot: '$.items_root',
    items: '$.items',
    qualityBps: '$.quality_bps',
    revoked: '$.revoked',
    revokedReason: '$.revoked_reason',
    revokedAt: '$.revoked_at',
    revokedTxHash: '$.revoked_tx_hash',
    ...EV,
  },
  orders: { CONTRIBUTION_ID: '$.contribution_id', ITEMS: '$.items' },
  defaultOrder: 'CONTRIBUTION_ID',
  filters: {
    chainId: CHAIN_FILTER,
    version: '$.version_id = ANY(?)',
    contributor: '$.contributor_id = ANY(?)',
    revoked: '$.revoked = ?',
  },
  where: {
    contributionId: { column: '$.contribution_id', kind: 'bigint', indexed: true },
    version: { column: '$.version_id', kind: 'bytes32', indexed: true },
    contributor: { column: '$.contributor_id', kind: 'address', indexed: true },
    kind: { column: '$.kind', kind: 'string' },
    items: { column: '$.items', kind: 'int' },
    qualityBps: { column: '$.quality_bps', kind: 'int' },
    revoked: { column: '$.revoked', kind: 'boolean' },
    revokedAt: { column: '$.revoked_at', kind: 'datetime' },
  },
}

export const MODEL_VERSION: TableSpec = {
  table: 'model_version',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    modelVersionId: NATIVE,
    modelId: '$.model_id::text',
    parentVersionId: `split_part($.parent_version_id, ':', 2)`,
    parentId: '$.parent_id',
    parentResolved: '$.parent_resolved',
    op: '$.op',
    weightsHash: '$.weights_hash',
    uri: '$.uri',
    ...EV,
  },
  orders: { BLOCK },
  defaultOrder: 'BLOCK',
  filters: { chainId: CHAIN_FILTER, modelId: '$.model_id = ?', parent: '$.parent_version_id = ANY(?)' },
  where: {
    versionId: { column: '$.id', kind: 'bytes32', indexed: true },
    modelId: { column: '$.model_id', kind: 'bigint', indexed: true },
    parentVersion: { column: '$.parent_version_id', kind: 'bytes32', indexed: true },
    op: { column: '$.op', kind: 'string' },
    uri: { column: '$.uri', kind: 'string' },
    blockNumber: { column: '$.block_number', kind: 'int' },
  },
}

export const TRAINING_RUN: TableSpec = {
  table: 'training_run',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    runId: NATIVE,
    modelVersionId: '$.model_version_id',
    attesterId: '$.attester_id',
    startedAt: '$.started_at',
    endedAt: '$.ended_at',
    configHash: '$.config_hash',
    totalWeightBps: '$.total_weight_bps',
    ...EV,
  },
  orders: { BLOCK, ENDED_AT: '$.ended_at' },
  defaultOrder: 'BLOCK',
  filters: { chainId: CHAIN_FILTER, modelVersion: '$.model_version_id = ANY(?)', attester: '$.attester_id = ANY(?)' },
  where: {
    modelVersion: { column: '$.model_version_id', kind: 'bytes32', indexed: true },
    attester: { column: '$.attester_id', kind: 'address', indexed: true },
    startedAt: { column: '$.started_at', kind: 'datetime' },
    endedAt: { column: '$.ended_at', kind: 'datetime' },
    totalWeightBps: { column: '$.total_weight_bps', kind: 'int' },
  },
}

export const RUN_DATASET: TableSpec = {
  table: 'training_run_dataset',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    runId: '$.run_id',
    position: '$.position',
    referencedVersionId: `split_part($.referenced_version_id, ':', 2)`,
    referencedChainId: `split_part($.referenced_version_id, ':', 1)::int`,
    datasetVersionId: '$.referenced_version_id',
    weightBps: '$.weight_bps',
  },
  orders: { POSITION: '$.position' },
  defaultOrder: 'POSITION',
  filters: { chainId: CHAIN_FILTER },
}

export const RUN_GPU: TableSpec = {
  table: 'training_run_gpu',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    runId: '$.run_id',
    position: '$.position',
    referencedGpuId: `split_part($.referenced_gpu_id, ':', 2)`,
    referencedChainId: `split_part($.referenced_gpu_id, ':', 1)::int`,
    gpuId: '$.referenced_gpu_id',
  },
  orders: { POSITION: '$.position' },
  defaultOrder: 'POSITION',
  filters: { chainId: CHAIN_FILTER },
}

export const VAULT_POSITION: TableSpec = {
  table: 'vault_position',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    vaultId: '$.vault_id',
    accountId: '$.account_id',
    shares: '$.shares::text',
  },
  orders: { SHARES: '$.shares' },
  defaultOrder: 'SHARES',
  filters: { chainId: CHAIN_FILTER },
}

export const REJECTED_EVENT: TableSpec = {
  table: 'rejected_event',
  columns: {
    id: '$.id',
    chainId: '$.chain_id',
    address: '$.address',
    topic0: '$.topic0',
    eventName: '$.event_name',
    reason: '$.reason',
    ...EV,
  },
  orders: { BLOCK },
  defaultOrder: 'BLOCK',
  filters: { chainId: CHAIN_FILTER, address: '$.address = ?', eventName: '$.event_name = ?' },
}
