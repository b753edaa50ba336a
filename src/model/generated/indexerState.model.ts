import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * The processor's view of the chain, updated every batch (the finalized height is the SDK's own, in squid_processor.status)
 */
@Entity_()
export class IndexerState {
    constructor(props?: Partial<IndexerState>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:state (one row per chain)
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    /**
     * highest block indexed (hot blocks included)
     */
    @IntColumn_({nullable: false})
    indexedHeight!: number

    /**
     * chain head seen by the processor at its last batch
     */
    @IntColumn_({nullable: false})
    chainHeight!: number

    @DateTimeColumn_({nullable: false})
    updatedAt!: Date
}
