import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"

/**
 * Requests of one caller to one model in one UTC day (distinct callers over any window)
 */
@Entity_()
export class ModelCallerDay {
    constructor(props?: Partial<ModelCallerDay>) {
        Object.assign(this, props)
    }

    /**
     * <modelId>-<day unix seconds>-<caller>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @BigIntColumn_({nullable: false})
    modelId!: bigint

    @Index_()
    @DateTimeColumn_({nullable: false})
    bucketStart!: Date

    @StringColumn_({nullable: false})
    caller!: string

    @IntColumn_({nullable: false})
    requests!: number
}
