import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {ModelToken} from "./modelToken.model"
import {Account} from "./account.model"

/**
 * Tokens burned for a share of the burn pool: BurnRedeemed, or (ERC-7641) a successful burn transaction
 */
@Entity_()
export class BurnRedemption {
    constructor(props?: Partial<BurnRedemption>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @ManyToOne_(() => ModelToken, {nullable: true})
    token!: ModelToken

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    holder!: Account

    @BigIntColumn_({nullable: false})
    burned!: bigint

    @BigIntColumn_({nullable: false})
    paid!: bigint

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    /**
     * null when taken from a transaction (ERC-7641 tokens log no burn payout)
     */
    @IntColumn_({nullable: true})
    logIndex!: number | undefined | null
}
