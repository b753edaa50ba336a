import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * The time of a block that holds a log (or transaction) of ours, so "as of block N" can cut the items of
 * other chains at N's time (docs/api.md, "As of a block")
 */
@Index_(["chainId", "number"], {unique: false})
@Entity_()
export class BlockTime {
    constructor(props?: Partial<BlockTime>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<block number>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @IntColumn_({nullable: false})
    number!: number

    @DateTimeColumn_({nullable: false})
    time!: Date
}
