import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {ModelToken} from "./modelToken.model"

/**
 * Revenue paid into a model token: RevenueReceived, or (ERC-7641) a successful transaction to the token carrying native coin
 */
@Entity_()
export class RevenueReceipt {
    constructor(props?: Partial<RevenueReceipt>) {
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

    @StringColumn_({nullable: false})
    from!: string

    @BigIntColumn_({nullable: false})
    amount!: bigint

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    /**
     * null when taken from a transaction (ERC-7641 tokens log no revenue)
     */
    @IntColumn_({nullable: true})
    logIndex!: number | undefined | null
}
