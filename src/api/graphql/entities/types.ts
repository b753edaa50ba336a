import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql'
import * as S from '../../sql/specs'
import { registerRowType } from '../common/rowTypes'
import { BigIntScalar } from '../common/scalars'
import { Evidence, GpuStatus } from '../common/types'
import { VaultStateSource } from '../../../model/generated/_vaultStateSource'
import { TokenStandard } from '../../../model/generated/_tokenStandard'

/** Every row belongs to one chain; its id is unique across chains (docs/api.md, "Several chains"). */
@ObjectType()
abstract class OnChain {
  @Field(() => Int, { description: 'the chain of this item (EIP-155 chain id)' })
  chainId: number
}

/**
 * The indexed entities as frontends see them. Relations (owner, token, version, …) are field
 * resolvers in the domain resolver modules, batched per request; these classes hold the columns.
 */

@ObjectType({ description: 'An address seen in any domain: owner, operator, holder, contributor, attester…' })
export class Account extends OnChain {
  @Field(() => ID, { description: 'opaque id, unique across chains: <chainId>:<address>' })
  id: string
  @Field(() => String, { description: 'lowercase 0x address' })
  address: string
  @Field(() => Date, { description: 'block time of the first indexed event naming it' })
  firstSeenAt: Date
}

@ObjectType({ description: 'A physical GPU tokenized as an ERC-721 (GpuRegistry)' })
export class Gpu extends OnChain {
  @Field(() => ID, { description: 'opaque id, unique across chains: <chainId>:<gpuId>' })
  id: string
  @Field(() => BigIntScalar, { description: 'gpuId as a number' })
  gpuId: string
  @Field(() => String, { description: 'hardware SKU, e.g. H100-SXM-80GB' })
  sku: string
  @Field(() => String, { description: 'region label, e.g. eu-west' })
  region: string
  @Field(() => GpuStatus, { description: 'latest GpuStatusChanged (ACTIVE at registration)' })
  status: GpuStatus
  @Field(() => BigIntScalar, { description: 'current financed valuation in valuationAsset base units' })
  valuation: string
  @Field(() => String, { description: 'ERC-20 of the valuation (0x0 = native coin)' })
  valuationAsset: string
  @Field(() => Date, { description: 'block time of GpuRegistered' })
  registeredAt: Date
  @Field(() => Int, { description: 'block of GpuRegistered' })
  registeredBlock: number
  @Field(() => Evidence, { description: 'the GpuRegistered log' })
  evidence: Evidence

  ownerId: string | null
  operatorId: string
}

@ObjectType({ description: 'An ERC-721 transfer of a GPU (the mint included): its owner history' })
export class GpuTransfer extends OnChain {
  @Field(() => ID, { description: '<eventId>' })
  id: string
  @Field(() => String, { description: 'previous owner (0x0 for the mint)' })
  from: string
  @Field(() => String, { description: 'new owner' })
  toId: string
  @Field(() => Evidence, { description: 'the Transfer log' })
  evidence: Evidence
}

@ObjectType({ description: 'Usage of a GPU in one epoch: the latest UsageReported (a later one is a correction)' })
export class UsageRecord extends OnChain {
  @Field(() => ID, { description: '<gpuId>-<epoch>' })
  id: string
  @Field(() => BigIntScalar, { description: 'epoch number' })
  epoch: string
  @Field(() => Date, { description: 'start of the epoch; windows select records by it' })
  epochStart: Date
  @Field(() => Int, { description: 'epoch length in seconds' })
  epochLength: number
  @Field(() => Int, { description: 'seconds the GPU was available' })
  availableSec: number
  @Field(() => Int, { description: 'seconds it was rented' })
  rentedSec: number
  @Field(() => BigIntScalar, { description: 'reported gross revenue in asset base units' })
  grossRevenue: string
  @Field(() => String, { description: 'ERC-20 of the revenue' })
  asset: string
  @Field(() => Int, { description: 'reports received for the epoch (1 = never corrected)' })
  reports: number
  @Field(() => Evidence, { description: 'the latest UsageReported log' })
  evidence: Evidence

  gpuId: string
}

@ObjectType({
  description:
    'An ERC-20 the index met (as an asset or a model token), or the native coin at the zero address: what a client needs to show `amount / 10^decimals` with its symbol',
})
export class Asset extends OnChain {
  @Field(() => String, { description: 'address, lowercase; the zero address is the native coin' })
  address: string
  @Field(() => String, { nullable: true, description: 'symbol() (string or bytes32); null when unreadable' })
  symbol: string | null
  @Field(() => String, { nullable: true, description: 'name(); null when unreadable, and for the native coin' })
  name: string | null
  @Field(() => Int, { nullable: true, description: 'decimals(); null when unreadable' })
  decimals: number | null
}

registerEnumType(TokenStandard, {
  name: 'TokenStandard',
  description: 'the interface a model token follows',
  valuesConfig: {
    DEAI: { description: 'our events: RevenueReceived, RevenueSnapshot, RevenueClaimed, BurnRedeemed' },
    ERC7641: { description: 'ERC-7641 as written: Transfer and Snapshot, the rest from state reads and transactions' },
  },
})

registerEnumType(VaultStateSource, {
  name: 'VaultStateSource',
  description: 'where a vault’s state comes from',
  valuesConfig: {
    CHAIN: { description: 'totalAssets() and totalSupply() read from the chain' },
    EVENTS: { description: 'Deposit, Withdraw and YieldAccrued (a vault that does not answer those calls)' },
  },
})

@ObjectType({ description: 'An ERC-4626 vault financing GPUs' })
export class Vault extends OnChain {
  @Field(() => ID, { description: 'opaque id, unique across chains: <chainId>:<address>' })
  id: string
  @Field(() => String, { description: 'vault address, lowercase' })
  address: string
  @Field(() => String, { nullable: true, description: 'its asset (asset()), lowercase; null when it does not say' })
  asset: string | null
  @Field(() => Int, { description: 'decimals of its shares (decimals()); 18 when unreadable' })
  shareDecimals: number
  @Field(() => VaultStateSource, { description: 'where its state comes from' })
  stateSource: VaultStateSource
  assetDecimals: number
  @Field(() => BigIntScalar, { description: 'assets under management (base units of the vault asset)' })
  totalAssets: string
  @Field(() => BigIntScalar, { description: 'shares outstanding' })
  totalSupply: string
  @Field(() => Float, {
    nullable: true,
    description:
      'price of one share in asset units, (totalAssets / 10^assetDecimals) / (totalSupply / 10^shareDecimals); null without shares',
  })
  pricePerShare: number | null
  @Field(() => Date, { nullable: true, description: 'block time of its first event' })
  firstEventAt: Date | null
  @Field(() => Date, { nullable: true, description: 'block time of its latest event' })
  lastEventAt: Date | null
  @Field(() => Int, { description: 'Deposit events' })
  depositCount: number
  @Field(() => Int, { description: 'Withdraw events' })
  withdrawalCount: number
}

@ObjectType({ description: 'Shares of a vault held by an account' })
export class VaultPosition extends OnChain {
  @Field(() => ID, { description: '<vault>-<account>' })
  id: string
  @Field(() => BigIntScalar, { description: 'shares held' })
  shares: string

  vaultId: string
  accountId: string
}

export enum OfferingStatus {
  OPEN = 'OPEN',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(OfferingStatus, { name: 'OfferingStatus', description: 'state of an initial model offering' })

@ObjectType({ description: 'A revenue-sharing model token created by the factory (ERC-7641-like)' })
export class ModelToken extends OnChain {
  @Field(() => ID, { description: 'opaque id, unique across chains: <chainId>:<address>' })
  id: string
  @Field(() => String, { description: 'token address, lowercase' })
  address: string
  @Field(() => TokenStandard, { description: 'the interface it follows' })
  standard: TokenStandard
  @Field(() => BigIntScalar, {
    nullable: true,
    description: 'model id given by the factory; null for a standalone token',
  })
  modelId: string | null
  @Field(() => String, { nullable: true, description: 'factory that created it; null for a standalone token' })
  factory: string | null
  /** served capped (graphql/text.ts, declared in graphql/schema.ts) */
  name: string
  symbol: string
  @Field(() => BigIntScalar, { description: 'supply announced at creation' })
  initialSupply: string
  @Field(() => BigIntScalar, { description: 'supply now (mints minus burns)' })
  totalSupply: string
  @Field(() => Int, { description: 'share of revenue claimable by holders, in bps' })
  claimableBps: number
  @Field(() => String, {
    description: 'ERC-20 the revenue is paid in; the zero address for the native coin (ERC-7641)',
  })
  revenueAsset: string
  @Field(() => BigIntScalar, {
    description: 'Σ RevenueReceived, or (ERC-7641) Σ native coin of successful transactions to it',
  })
  revenueReceived: string
  @Field(() => BigIntScalar, { description: "sum of the snapshots' claimable parts" })
  claimableTotal: string
  @Field(() => BigIntScalar, { description: 'Σ RevenueClaimed' })
  claimedTotal: string
  @Field(() => BigIntScalar, { description: 'tokens burned for redemption' })
  burned: string
  @Field(() => BigIntScalar, { description: 'assets paid for burns' })
  burnPaid: string
  @Field(() => Int, { description: 'revenue snapshots taken' })
  snapshotCount: number
  @Field(() => Int, { description: 'holders with a positive balance' })
  holderCount: number
  @Field(() => Evidence, {
    description: 'the ModelTokenCreated log, or where a standalone token was first met (its first log or transaction)',
  })
  evidence: Evidence

  creatorId: string | null
}

@ObjectType({ description: 'An initial model offering (IMO)' })
export class Offering extends OnChain {
  @Field(() => ID, { description: 'opaque id, unique across chains: <chainId>:<modelId>' })
  id: string
  @Field(() => BigIntScalar, { description: 'model id' })
  modelId: string
  @Field(() => BigIntScalar, { description: 'tokens offered (18 decimals)' })
  tokensForSale: string
  @Field(() => BigIntScalar, { description: 'raise target in raiseAsset units' })
  target: string
  @Field(() => String, { description: 'ERC-20 the offering raises' })
  raiseAsset: string
  @Field(() => Date, { description: 'deposits open' })
  startTime: Date
  @Field(() => Date, { description: 'deposits close' })
  endTime: Date
  @Field(() => BigIntScalar, { description: 'Σ ImoDeposited' })
  deposited: string
  @Field(() => Int, { description: 'ImoDeposited events' })
  depositCount: number
  @Field(() => Int, { description: 'distinct investors' })
  investorCount: number
  @Field(() => OfferingStatus, { description: 'OPEN until ImoFinalized, then SUCCEEDED or FAILED' })
  status: OfferingStatus
  @Field(() => BigIntScalar, { nullable: true, description: 'raised as ImoFinalized reported it' })
  raised: string | null
  @Field(() => BigIntScalar, { nullable: true, description: 'price per whole token when the offering succeeded' })
  price: string | null
  @Field(() => Date, { nullable: true, description: 'block time of ImoFinalized' })
  finalizedAt: Date | null
  @Field(() => String, { nullable: true, description: 'transaction of ImoFinalized' })
  finalizedTxHash: string | null
  @Field(() => Evidence, { description: 'the ImoCreated log' })
  evidence: Evidence

  tokenId: string
}

@ObjectType({ description: "An account's balance of a model token" })
export class Holder extends OnChain {
  @Field(() => ID, { description: '<token>-<account>' })
  id: string
  @Field(() => BigIntScalar, { description: 'token balance (18 decimals)' })
  balance: string

  tokenId: string
  accountId: string
}

@ObjectType({ description: 'A revenue snapshot of a model token' })
export class RevenueSnapshot extends OnChain {
  @Field(() => ID, { description: '<token>-<snapshotId>' })
  id: string
  @Field(() => BigIntScalar, { description: 'snapshot number within the token' })
  snapshotId: string
  @Field(() => BigIntScalar, { description: 'revenue since the previous snapshot' })
  newRevenue: string
  @Field(() => BigIntScalar, { description: 'part of it claimable by holders' })
  claimable: string
  @Field(() => BigIntScalar, { description: 'token supply at the snapshot' })
  totalSupply: string
  @Field(() => BigIntScalar, { description: 'Σ claims against it' })
  claimedTotal: string
  @Field(() => Evidence, { description: 'the snapshot log' })
  evidence: Evidence

  tokenId: string
}

@ObjectType({ description: 'A registered dataset' })
export class Dataset extends OnChain {
  @Field(() => ID, { description: 'opaque id, unique across chains: <chainId>:<datasetId>' })
  id: string
  @Field(() => String, { description: 'datasetId, 0x-hex' })
  datasetId: string
  @Field(() => String, { description: 'license label, e.g. CC-BY-4.0' })
  license: string
  /** served capped (graphql/text.ts, declared in graphql/schema.ts) */
  uri: string
  @Field(() => Evidence, { description: 'the DatasetRegistered log' })
  evidence: Evidence

  ownerId: string
}

@ObjectType({ description: 'A published version of a dataset' })
export class DatasetVersion extends OnChain {
  @Field(() => ID, { description: 'opaque id, unique across chains: <chainId>:<versionId>' })
  id: string
  @Field(() => String, { description: 'versionId, 0x-hex' })
  versionId: string
  @Field(() => Int, { description: 'version number within the dataset' })
  version: number
  @Field(() => String, { description: "Merkle root of the version's records" })
  contentRoot: string
  @Field(() => BigIntScalar, { description: 'number of records' })
  records: string
  @Field(() => BigIntScalar, { description: 'size in bytes' })
  sizeBytes: string
  @Field(() => Int, { description: 'Σ inheritBps over its parent edges' })
  inheritBpsTotal: number
  @Field(() => Evidence, { description: 'the DatasetVersionPublished log' })
  evidence: Evidence

  datasetId: string
}

@ObjectType({ description: 'A derivation edge: child derived from parent' })
export class DatasetDerivation extends OnChain {
  @Field(() => ID, { description: '<child>-<parent>' })
  id: string
  @Field(() => String, { description: 'FILTER, DEDUP, LABEL, MERGE, AUGMENT or SYNTHETIC' })
  op: string
  @Field(() => Int, { description: "bps of the child's attribution passed to the parent" })
  inheritBps: number
  @Field(() => Evidence, { description: 'the DatasetDerived log' })
  evidence: Evidence

  childId: string
  parentId: string
}

@ObjectType({ description: 'A contribution of items to a dataset version' })
export class Contribution extends OnChain {
  @Field(() => ID, { description: 'opaque id, unique across chains: <chainId>:<contributionId>' })
  id: string
  @Field(() => BigIntScalar, { description: 'contribution id as a number' })
  contributionId: string
  @Field(() => String, { description: 'RAW, LABEL, REVIEW or PREFERENCE' })
  kind: string
  @Field(() => String, { description: 'Merkle root of the contributed items' })
  itemsRoot: string
  @Field(() => Int, { description: 'number of items contributed' })
  items: number
  @Field(() => Int, { description: 'quality score in bps (weights attribution)' })
  qualityBps: number
  @Field(() => Boolean, { description: 'revoked contributions keep their lineage but get no attribution' })
  revoked: boolean
  @Field(() => String, { nullable: true, description: 'QA_FAIL, CONSENT_WITHDRAWN or TAKEDOWN' })
  revokedReason: string | null
  @Field(() => Date, { nullable: true, description: 'block time of ContributionRevoked' })
  revokedAt: Date | null
  @Field(() => String, { nullable: true, description: 'transaction of ContributionRevoked' })
  revokedTxHash: string | null
  @Field(() => Evidence, { description: 'the ContributionRecorded log' })
  evidence: Evidence

  versionId: string
  contributorId: string
}

@ObjectType({ description: 'A published model version' })
export class ModelVersion extends OnChain {
  @Field(() => ID, { description: 'opaque id, unique across chains: <chainId>:<modelVersionId>' })
  id: string
  @Field(() => String, { description: 'modelVersionId, 0x-hex' })
  modelVersionId: string
  @Field(() => BigIntScalar, { description: 'model id' })
  modelId: string
  @Field(() => String, { nullable: true, description: 'parent version id as emitted (null for none)' })
  parentVersionId: string | null
  @Field(() => Boolean, { description: 'false when the parent is not known to this index' })
  parentResolved: boolean
  @Field(() => String, { description: 'PRETRAIN, FINETUNE, DISTILL, MERGE or QUANTIZE' })
  op: string
  @Field(() => String, { description: 'hash of the weights' })
  weightsHash: string
  /** served capped (graphql/text.ts, declared in graphql/schema.ts) */
  uri: string
  @Field(() => Evidence, { description: 'the ModelVersionPublished log' })
  evidence: Evidence

  parentId: string | null
}

@ObjectType({
  description:
    'A dataset version a training run used, as the run named it; unresolved while the chain it names has not indexed it',
})
export class TrainingRunDataset extends OnChain {
  @Field(() => ID, { description: '<chainId>:<runId>-<position>' })
  id: string
  @Field(() => Int, { description: 'index in the attested arrays' })
  position: number
  @Field(() => String, { description: 'the version id as the run named it' })
  referencedVersionId: string
  @Field(() => Int, {
    description: "the chain the reference resolves on (the run's network file's resolve.datasetsOnChain)",
  })
  referencedChainId: number
  @Field(() => Int, { description: 'weight of this dataset in the run' })
  weightBps: number

  /** the stored id of the version it names */
  datasetVersionId: string
}

@ObjectType({
  description: 'A GPU a training run used, as the run named it; unresolved while the chain it names has not indexed it',
})
export class TrainingRunGpu extends OnChain {
  @Field(() => ID, { description: '<chainId>:<runId>-<position>' })
  id: string
  @Field(() => Int, { description: 'index in the attested array' })
  position: number
  @Field(() => BigIntScalar, { description: 'the gpuId as the run named it' })
  referencedGpuId: string
  @Field(() => Int, {
    description: "the chain the reference resolves on (the run's network file's resolve.gpusOnChain)",
  })
  referencedChainId: number

  /** the stored id of the GPU it names */
  gpuId: string
}

@ObjectType({ description: 'An attested training run' })
export class TrainingRun extends OnChain {
  @Field(() => ID, { description: 'opaque id, unique across chains: <chainId>:<runId>' })
  id: string
  @Field(() => String, { description: 'runId, 0x-hex' })
  runId: string
  @Field(() => Date, { description: 'attested start of training' })
  startedAt: Date
  @Field(() => Date, { description: 'attested end of training' })
  endedAt: Date
  @Field(() => String, { description: 'hash of the training configuration' })
  configHash: string
  @Field(() => Int, { description: 'Σ weightBps of its dataset references' })
  totalWeightBps: number
  @Field(() => Evidence, { description: 'the TrainingRunAttested log' })
  evidence: Evidence

  modelVersionId: string
  attesterId: string
}

@ObjectType({ description: 'A log at a configured address that was not indexed, and why' })
export class RejectedEvent extends OnChain {
  @Field(() => ID, { description: '<eventId>' })
  id: string
  @Field(() => String, { description: 'emitting contract, lowercase' })
  address: string
  @Field(() => String, { nullable: true, description: 'first topic of the log' })
  topic0: string | null
  @Field(() => String, { nullable: true, description: 'event the log claimed to be, when its topic0 is known' })
  eventName: string | null
  @Field(() => String, { description: 'why it was rejected' })
  reason: string
  @Field(() => Evidence, { description: 'the rejected log' })
  evidence: Evidence
}

// The type of each table's rows (graphql/common/rowTypes.ts)
for (const [spec, type] of [
  [S.ACCOUNT, Account],
  [S.GPU, Gpu],
  [S.GPU_TRANSFER, GpuTransfer],
  [S.USAGE_RECORD, UsageRecord],
  [S.ASSET, Asset],
  [S.VAULT, Vault],
  [S.VAULT_POSITION, VaultPosition],
  [S.MODEL_TOKEN, ModelToken],
  [S.OFFERING, Offering],
  [S.HOLDER, Holder],
  [S.SNAPSHOT, RevenueSnapshot],
  [S.DATASET, Dataset],
  [S.DATASET_VERSION, DatasetVersion],
  [S.DERIVATION, DatasetDerivation],
  [S.CONTRIBUTION, Contribution],
  [S.MODEL_VERSION, ModelVersion],
  [S.TRAINING_RUN, TrainingRun],
  [S.RUN_DATASET, TrainingRunDataset],
  [S.RUN_GPU, TrainingRunGpu],
  [S.REJECTED_EVENT, RejectedEvent],
] as const) {
  registerRowType(spec, type)
}
