import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
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
