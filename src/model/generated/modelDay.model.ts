import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * Per model per UTC day: requests made that day (by request block time), their fees, distinct callers, and how many were fulfilled so far
 */
@Entity_()
export class ModelDay {
    constructor(props?: Partial<ModelDay>) {
        Object.assign(this, props)
    }

    /**
     * <modelId>-<day unix seconds>
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

    @IntColumn_({nullable: false})
    requests!: number

    @BigIntColumn_({nullable: false})
    fees!: bigint

    @IntColumn_({nullable: false})
    callers!: number

    @IntColumn_({nullable: false})
    fulfilled!: number
}
