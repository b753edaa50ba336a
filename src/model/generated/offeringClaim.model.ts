import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Offering} from "./offering.model"
import {Account} from "./account.model"

@Entity_()
export class OfferingClaim {
    constructor(props?: Partial<OfferingClaim>) {
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
    @ManyToOne_(() => Offering, {nullable: true})
    offering!: Offering

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    investor!: Account

    @BigIntColumn_({nullable: false})
    tokens!: bigint

    @BigIntColumn_({nullable: false})
    refund!: bigint

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number
}
