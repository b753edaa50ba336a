import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {ModelVersion} from "./modelVersion.model"

@Entity_()
export class RewardAllocation {
    constructor(props?: Partial<RewardAllocation>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<epochId in decimal>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @BigIntColumn_({nullable: false})
    epochId!: bigint

    @Index_()
    @ManyToOne_(() => ModelVersion, {nullable: true})
    modelVersion!: ModelVersion

    @StringColumn_({nullable: false})
    asset!: string

    @BigIntColumn_({nullable: false})
    total!: bigint

    @StringColumn_({nullable: false})
    merkleRoot!: string

    @BigIntColumn_({nullable: false})
    claimed!: bigint

    @IntColumn_({nullable: false})
    claimCount!: number

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number
}
