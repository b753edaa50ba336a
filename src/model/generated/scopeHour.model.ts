import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"

/**
 * The GPU rollups summed per scope (operator, SKU, region) and UTC hour, so per-scope windows read one
 * row per scope and bucket instead of one per GPU. The whole fleet has its own row per bucket, with
 * operator, SKU and region `*`. Same fields and rules as GpuHour.
 */
@Index_(["bucketStart", "operator"], {unique: false})
@Entity_()
export class ScopeHour {
    constructor(props?: Partial<ScopeHour>) {
        Object.assign(this, props)
    }

    /**
     * <operator>|<sku>|<region>|<bucketStart unix seconds>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @DateTimeColumn_({nullable: false})
    bucketStart!: Date

    @StringColumn_({nullable: false})
    operator!: string

    @StringColumn_({nullable: false})
    sku!: string

    @StringColumn_({nullable: false})
    region!: string

    @BigIntColumn_({nullable: false})
    availableSec!: bigint

    @BigIntColumn_({nullable: false})
    rentedSec!: bigint

    @BigIntColumn_({nullable: false})
    reportedGross!: bigint

    @BigIntColumn_({nullable: false})
    gross!: bigint

    @BigIntColumn_({nullable: false})
    operatorFee!: bigint

    @BigIntColumn_({nullable: false})
    protocolFee!: bigint

    @BigIntColumn_({nullable: false})
    net!: bigint
}
