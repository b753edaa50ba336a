import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, Index as Index_, StringColumn as StringColumn_, ManyToOne as ManyToOne_, DateTimeColumn as DateTimeColumn_, OneToOne as OneToOne_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {TokenStandard} from "./_tokenStandard"
import {Account} from "./account.model"
import {Offering} from "./offering.model"
import {Holder} from "./holder.model"
import {RevenueSnapshot} from "./revenueSnapshot.model"

/**
 * A revenue-sharing model token: created by the factory, or standalone (listed in the network file)
 */
@Entity_()
export class ModelToken {
    constructor(props?: Partial<ModelToken>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<token address, lowercase>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Column_("varchar", {length: 7, nullable: false})
    standard!: TokenStandard

    /**
     * null for a standalone token (listed in the network file's modelTokens)
     */
    @Index_()
    @BigIntColumn_({nullable: true})
    modelId!: bigint | undefined | null

    /**
     * null for a standalone token
     */
    @StringColumn_({nullable: true})
    factory!: string | undefined | null

    /**
     * null for a standalone token
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    creator!: Account | undefined | null

    @StringColumn_({nullable: false})
    name!: string

    @StringColumn_({nullable: false})
    symbol!: string

    /**
     * supply announced at creation by the factory; 0 for a standalone token
     */
    @BigIntColumn_({nullable: false})
    initialSupply!: bigint

    /**
     * supply now: mints minus burns seen in Transfer events
     */
    @BigIntColumn_({nullable: false})
    totalSupply!: bigint

    @IntColumn_({nullable: false})
    claimableBps!: number

    @StringColumn_({nullable: false})
    revenueAsset!: string

    @BigIntColumn_({nullable: false})
    revenueReceived!: bigint

    /**
     * sum of the snapshots' claimable parts
     */
    @BigIntColumn_({nullable: false})
    claimableTotal!: bigint

    @BigIntColumn_({nullable: false})
    claimedTotal!: bigint

    @BigIntColumn_({nullable: false})
    burned!: bigint

    @BigIntColumn_({nullable: false})
    burnPaid!: bigint

    @IntColumn_({nullable: false})
    snapshotCount!: number

    /**
     * holders with a positive balance
     */
    @IntColumn_({nullable: false})
    holderCount!: number

    /**
     * where the index first met it: the factory's ModelTokenCreated, or a standalone token's first log or transaction
     */
    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    /**
     * null when first met at a transaction
     */
    @IntColumn_({nullable: true})
    logIndex!: number | undefined | null

    @OneToOne_(() => Offering, e => e.token)
    offering!: Offering | undefined | null

    @OneToMany_(() => Holder, e => e.token)
    holders!: Holder[]

    @OneToMany_(() => RevenueSnapshot, e => e.token)
    snapshots!: RevenueSnapshot[]
}
