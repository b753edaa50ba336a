import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"
import {Offering} from "./offering.model"
import {Account} from "./account.model"

/**
 * One investor's position in an offering
 */
@Entity_()
export class OfferingInvestor {
    constructor(props?: Partial<OfferingInvestor>) {
        Object.assign(this, props)
    }

    /**
     * <modelId>-<investor>
     */
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
    deposited!: bigint

    @BooleanColumn_({nullable: false})
    claimed!: boolean

    @BigIntColumn_({nullable: true})
    tokens!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    refund!: bigint | undefined | null
}
