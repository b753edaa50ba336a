import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {ModelToken} from "./modelToken.model"
import {Entitlement} from "./entitlement.model"

/**
 * A revenue snapshot: claimable is shared by the holders of that moment pro rata
 */
@Index_(["token", "blockTime"], {unique: false})
@Entity_()
export class RevenueSnapshot {
    constructor(props?: Partial<RevenueSnapshot>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<token>-<snapshotId>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @ManyToOne_(() => ModelToken, {nullable: true})
    token!: ModelToken

    @BigIntColumn_({nullable: false})
    snapshotId!: bigint

    /**
     * revenue since the previous snapshot; null for ERC-7641 tokens, which do not say it
     */
    @BigIntColumn_({nullable: true})
    newRevenue!: bigint | undefined | null

    @BigIntColumn_({nullable: false})
    claimable!: bigint

    @BigIntColumn_({nullable: false})
    totalSupply!: bigint

    @BigIntColumn_({nullable: false})
    claimedTotal!: bigint

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number

    @OneToMany_(() => Entitlement, e => e.snapshot)
    entitlements!: Entitlement[]
}
