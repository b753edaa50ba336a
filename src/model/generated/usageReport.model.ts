import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, BooleanColumn as BooleanColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {UsageRecord} from "./usageRecord.model"
import {Gpu} from "./gpu.model"

/**
 * Every UsageReported as emitted, superseded ones kept for audit
 */
@Entity_()
export class UsageReport {
    constructor(props?: Partial<UsageReport>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @ManyToOne_(() => UsageRecord, {nullable: true})
    record!: UsageRecord

    @Index_()
    @ManyToOne_(() => Gpu, {nullable: true})
    gpu!: Gpu

    @BigIntColumn_({nullable: false})
    epoch!: bigint

    @IntColumn_({nullable: false})
    availableSec!: number

    @IntColumn_({nullable: false})
    rentedSec!: number

    @BigIntColumn_({nullable: false})
    grossRevenue!: bigint

    /**
     * true once a later report for the same epoch replaced it
     */
    @BooleanColumn_({nullable: false})
    superseded!: boolean

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number
}
