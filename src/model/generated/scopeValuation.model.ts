import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"

/**
 * The summed valuation of one scope's GPUs (operator, SKU, region; `*` for the whole fleet) in one
 * valuation asset, after a block that registered or revalued one of them: a step function, so a yield
 * over a window reads the steps in the window, not every GPU.
 */
@Index_(["chainId", "operator", "sku", "region", "valuationAsset", "blockTime", "blockNumber"], {unique: false})
@Entity_()
export class ScopeValuation {
    constructor(props?: Partial<ScopeValuation>) {
        Object.assign(this, props)
    }

    /**
     * <operator>|<sku>|<region>|<valuationAsset>|<blockNumber>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @StringColumn_({nullable: false})
    operator!: string

    @StringColumn_({nullable: false})
    sku!: string

    @StringColumn_({nullable: false})
    region!: string

    @StringColumn_({nullable: false})
    valuationAsset!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    /**
     * Σ valuation of the scope's GPUs registered so far, in valuationAsset base units, after this block
     */
    @BigIntColumn_({nullable: false})
    valuation!: bigint

    /**
     * how many GPUs the scope has in this asset after this block
     */
    @IntColumn_({nullable: false})
    gpus!: number
}
