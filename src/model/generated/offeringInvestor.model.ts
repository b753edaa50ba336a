import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"
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
