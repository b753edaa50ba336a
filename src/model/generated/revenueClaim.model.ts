import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {ModelToken} from "./modelToken.model"
import {RevenueSnapshot} from "./revenueSnapshot.model"
import {Account} from "./account.model"

/**
 * A claim of one snapshot's entitlement: RevenueClaimed, or (ERC-7641) a successful claim/claimBatch transaction
 */
@Entity_()
export class RevenueClaim {
    constructor(props?: Partial<RevenueClaim>) {
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
    @ManyToOne_(() => RevenueSnapshot, {nullable: true})
    snapshot!: RevenueSnapshot

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    holder!: Account

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
     * null when taken from a transaction (ERC-7641 tokens log no claim)
     */
    @IntColumn_({nullable: true})
    logIndex!: number | undefined | null
}
