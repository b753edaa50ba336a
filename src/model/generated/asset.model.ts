import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"

/**
 * An ERC-20 the index met as an asset or a model token, or the chain's native coin (the zero address): metadata read once from the chain (docs/interface.md, "Token metadata")
 */
@Entity_()
export class Asset {
    constructor(props?: Partial<Asset>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<address, lowercase>; the zero address is the native coin
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    /**
     * symbol(), a string or a bytes32; null when unreadable
     */
    @StringColumn_({nullable: true})
    symbol!: string | undefined | null

    /**
     * name(), a string or a bytes32; null when unreadable (always for the native coin)
     */
    @StringColumn_({nullable: true})
    name!: string | undefined | null

    /**
     * decimals(); null when unreadable
     */
    @IntColumn_({nullable: true})
    decimals!: number | undefined | null

    /**
     * the block at which the metadata was read
     */
    @IntColumn_({nullable: false})
    readAtBlock!: number
}
