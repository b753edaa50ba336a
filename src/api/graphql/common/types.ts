import { Field, Int, ObjectType, registerEnumType } from 'type-graphql'
import { GpuStatus } from '../../../model/generated/_gpuStatus'

// the entity's own enum (schema.graphql), served under the same name
export { GpuStatus }
registerEnumType(GpuStatus, { name: 'GpuStatus', description: 'Operating status of a GPU (GpuStatusChanged)' })

/** The buckets of a series (the GraphQL enum of sql/time's Bucket). */
export enum Bucket {
  HOUR = 'HOUR',
  DAY = 'DAY',
  WEEK = 'WEEK',
}
registerEnumType(Bucket, { name: 'Bucket', description: 'UTC buckets of a series; weeks start Monday 00:00 UTC' })

@ObjectType({ description: 'The on-chain proof of a row: the log that created it' })
export class Evidence {
  @Field(() => String, { description: 'transaction hash' })
  txHash: string
  @Field(() => Int, { description: 'block holding the log' })
  blockNumber: number
  @Field(() => Date, { description: 'timestamp of the block holding the log' })
  blockTime: Date
  @Field(() => Int, {
    nullable: true,
    description:
      'index of the log in its block; null for a row taken from a transaction (ERC-7641 revenue, claims and burns log nothing)',
  })
  logIndex: number | null
}

@ObjectType({
  description:
    'Blocks of a chain that a reorg rolled back: what was indexed from them is gone, so refetch what was shown from them',
})
export class RolledBack {
  @Field(() => Int, { description: 'EIP-155 chain id' })
  chainId: number
  @Field(() => Int, { description: 'first block rolled back' })
  fromBlock: number
  @Field(() => Int, { description: 'last block rolled back (the newest indexed before the reorg)' })
  toBlock: number
}

@ObjectType({ description: 'Heights of the index against the chain' })
export class IndexerStatus {
  @Field(() => [RolledBack], {
    description:
      'in a subscription, the reorgs since the previous push (any chain); empty otherwise, and always in a query',
  })
  rolledBack: RolledBack[]
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
  @Field(() => String, {
    nullable: true,
    description: "the network file's block explorer (explorerUrl): <url>/tx/<hash> and <url>/address/<address>",
  })
  explorerUrl: string | null
}

@ObjectType({ description: 'One chain of the deployment and how far its processor is' })
export class ChainStatus {
  @Field(() => Int, { description: 'EIP-155 chain id' })
  chainId: number
  @Field(() => String, { description: "the network file's name (the chain id until its processor has reported)" })
  name: string
  @Field(() => Int, { nullable: true, description: 'highest block indexed, hot blocks included' })
  indexedHeight: number | null
  @Field(() => Int, { nullable: true, description: 'highest block indexed as final' })
  finalizedHeight: number | null
  @Field(() => Int, { nullable: true, description: 'chain head its processor saw last' })
  chainHeight: number | null
  @Field(() => Int, { nullable: true, description: 'chainHeight - indexedHeight' })
  lagBlocks: number | null
  @Field(() => Boolean, {
    description: 'false while its processor is stalled: no new block for 60 s while the head moved, or not running',
  })
  healthy: boolean
  @Field(() => String, { description: 'starting, syncing, ok or stalled (as /health says)' })
  status: string
  @Field(() => String, { nullable: true, description: "the network file's block explorer" })
  explorerUrl: string | null
  @Field(() => RolledBack, {
    nullable: true,
    description: "in a subscription, this chain's reorg since the previous push; null otherwise, and always in a query",
  })
  rolledBack: RolledBack | null
}
