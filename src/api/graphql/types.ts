import { Field, Int, ObjectType, registerEnumType } from 'type-graphql'
import { BigIntScalar } from './scalars'

export enum GpuStatus {
  ACTIVE = 'ACTIVE',
  MAINTENANCE = 'MAINTENANCE',
  OFFLINE = 'OFFLINE',
  RETIRED = 'RETIRED',
}
registerEnumType(GpuStatus, { name: 'GpuStatus', description: 'Operating status of a GPU (GpuStatusChanged)' })

@ObjectType({ description: 'The on-chain proof of a row: the log that created it' })
export class Evidence {
  @Field(() => String, { description: 'transaction hash' })
  txHash: string
  @Field(() => Int)
  blockNumber: number
  @Field(() => Date, { description: 'timestamp of the block holding the log' })
  blockTime: Date
  @Field(() => Int, { description: 'index of the log in its block' })
  logIndex: number
}

@ObjectType({ description: 'Heights of the index against the chain' })
export class IndexerStatus {
  @Field(() => Int, {
    nullable: true,
    description: 'highest block indexed, unfinalized (hot) blocks included; null before the first batch',
  })
  indexedHeight: number | null
  @Field(() => Int, {
    nullable: true,
    description: 'highest block indexed as final (can no longer be reorganized away)',
  })
  finalizedHeight: number | null
  @Field(() => Int, { nullable: true, description: 'chain head the processor saw last' })
  chainHeight: number | null
  @Field(() => Int, { nullable: true, description: 'chainHeight - indexedHeight' })
  lagBlocks: number | null
}

@ObjectType({ description: 'An address seen in any domain' })
export class Account {
  @Field(() => String, { description: 'lowercase 0x address' })
  id: string
  @Field(() => Date, { description: 'block time of the first indexed event naming it' })
  firstSeenAt: Date
}

@ObjectType({ description: 'A physical GPU tokenized as an ERC-721 (GpuRegistry)' })
export class Gpu {
  @Field(() => String, { description: 'gpuId (= ERC-721 tokenId) in decimal' })
  id: string
  @Field(() => BigIntScalar)
  gpuId: string
  @Field(() => String, { description: 'hardware SKU, e.g. H100-SXM-80GB' })
  sku: string
  @Field(() => String)
  region: string
  @Field(() => GpuStatus)
  status: GpuStatus
  @Field(() => BigIntScalar, { description: 'current financed valuation in valuationAsset base units' })
  valuation: string
  @Field(() => String, { description: 'ERC-20 of the valuation (0x0 = native coin)' })
  valuationAsset: string
  @Field(() => Date, { description: 'block time of GpuRegistered' })
  registeredAt: Date
  @Field(() => Int)
  registeredBlock: number

  ownerId: string | null
  operatorId: string
  txHash: string
  logIndex: number
}
