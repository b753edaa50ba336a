import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_, FloatColumn as FloatColumn_} from "@subsquid/typeorm-store"
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

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

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
