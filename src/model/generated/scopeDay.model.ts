import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"

/**
 * Per scope per UTC day; same fields and rules as ScopeHour
 */
@Index_(["bucketStart", "operator"], {unique: false})
@Entity_()
export class ScopeDay {
    constructor(props?: Partial<ScopeDay>) {
        Object.assign(this, props)
    }

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
