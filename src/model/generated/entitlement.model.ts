import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {RevenueSnapshot} from "./revenueSnapshot.model"
import {ModelToken} from "./modelToken.model"
import {Account} from "./account.model"

/**
 * What a holder may claim from a snapshot: floor(balance at the snapshot log * claimable / totalSupply)
 */
@Entity_()
export class Entitlement {
    constructor(props?: Partial<Entitlement>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<token>-<snapshotId>-<holder address>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @ManyToOne_(() => RevenueSnapshot, {nullable: true})
    snapshot!: RevenueSnapshot

    @Index_()
    @ManyToOne_(() => ModelToken, {nullable: true})
    token!: ModelToken

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    holder!: Account

    @BigIntColumn_({nullable: false})
    balance!: bigint

    @BigIntColumn_({nullable: false})
    amount!: bigint

    @BooleanColumn_({nullable: false})
    claimed!: boolean

    @DateTimeColumn_({nullable: true})
    claimedAt!: Date | undefined | null

    @StringColumn_({nullable: true})
    claimTxHash!: string | undefined | null

    /**
     * ERC-7641 tokens that expire entitlements: rolled into a later snapshot unclaimed, no longer claimable
     */
    @BooleanColumn_({nullable: false})
    expired!: boolean

    /**
     * block at which it was found expired: as of an earlier block it is still claimable
     */
    @IntColumn_({nullable: true})
    expiredBlock!: number | undefined | null
}
