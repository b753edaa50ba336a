import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {Gpu} from "./gpu.model"

/**
 * The usage of a GPU in one epoch: the latest UsageReported for (gpuId, epoch); a later report is a correction and replaces it
 */
@Entity_()
export class UsageRecord {
    constructor(props?: Partial<UsageRecord>) {
        Object.assign(this, props)
    }

    /**
     * <gpuId>-<epoch>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @ManyToOne_(() => Gpu, {nullable: true})
    gpu!: Gpu

    @BigIntColumn_({nullable: false})
    epoch!: bigint

    /**
     * start of the epoch (unix time of epochStart); windows select records by it
     */
    @Index_()
    @DateTimeColumn_({nullable: false})
    epochStart!: Date

    /**
     * epoch length in seconds
     */
    @IntColumn_({nullable: false})
    epochLength!: number

    @IntColumn_({nullable: false})
    availableSec!: number

    @IntColumn_({nullable: false})
    rentedSec!: number

    /**
     * gross revenue reported for the epoch, in asset base units
     */
    @BigIntColumn_({nullable: false})
    grossRevenue!: bigint

    @StringColumn_({nullable: false})
    asset!: string

    /**
     * how many reports this epoch received (1 = never corrected)
     */
    @IntColumn_({nullable: false})
    reports!: number

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number
}
