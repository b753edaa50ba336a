import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, BigIntColumn as BigIntColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

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
