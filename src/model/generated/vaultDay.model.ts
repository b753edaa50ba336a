import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_, FloatColumn as FloatColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {Vault} from "./vault.model"

/**
 * Per vault per UTC day: state at the close of the day and the day's flows
 */
@Entity_()
export class VaultDay {
    constructor(props?: Partial<VaultDay>) {
        Object.assign(this, props)
    }

    /**
     * <vault>-<day unix seconds>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Vault, {nullable: true})
    vault!: Vault

    @Index_()
    @DateTimeColumn_({nullable: false})
    bucketStart!: Date

    @BigIntColumn_({nullable: false})
    totalAssetsClose!: bigint

    @BigIntColumn_({nullable: false})
    totalSupplyClose!: bigint

    @FloatColumn_({nullable: true})
    pricePerShareClose!: number | undefined | null

    @BigIntColumn_({nullable: false})
    deposited!: bigint

    @BigIntColumn_({nullable: false})
    withdrawn!: bigint

    @BigIntColumn_({nullable: false})
    yieldAdded!: bigint

    @IntColumn_({nullable: false})
    deposits!: number

    @IntColumn_({nullable: false})
    withdrawals!: number
}
