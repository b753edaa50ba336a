import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * Fulfilled requests of one model by request day and latency (whole seconds): a histogram, so the
 * median latency of a window is exact and reads one row per distinct latency and day
 */
@Index_(["modelId", "bucketStart"], {unique: false})
@Entity_()
export class ModelLatencyDay {
    constructor(props?: Partial<ModelLatencyDay>) {
        Object.assign(this, props)
    }

    /**
     * <modelId>-<day unix seconds>-<latencySec>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @BigIntColumn_({nullable: false})
    modelId!: bigint

    @DateTimeColumn_({nullable: false})
    bucketStart!: Date

    @IntColumn_({nullable: false})
    latencySec!: number

    /**
     * fulfilled requests of that day with that latency
     */
    @IntColumn_({nullable: false})
    requests!: number
}
