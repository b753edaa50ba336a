import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, Index as Index_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {DatasetVersion} from "./datasetVersion.model"
import {Account} from "./account.model"
import {ContributionKind} from "./_contributionKind"
import {RevocationReason} from "./_revocationReason"

@Entity_()
export class Contribution {
    constructor(props?: Partial<Contribution>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<contributionId in decimal>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @BigIntColumn_({nullable: false})
    contributionId!: bigint

    @Index_()
    @ManyToOne_(() => DatasetVersion, {nullable: true})
    version!: DatasetVersion

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    contributor!: Account

    @Column_("varchar", {length: 10, nullable: false})
    kind!: ContributionKind

    /**
     * Merkle root of the contributed items
     */
    @StringColumn_({nullable: false})
    itemsRoot!: string

    @IntColumn_({nullable: false})
    items!: number

    @IntColumn_({nullable: false})
    qualityBps!: number

    @BooleanColumn_({nullable: false})
    revoked!: boolean

    @Column_("varchar", {length: 17, nullable: true})
    revokedReason!: RevocationReason | undefined | null

    @DateTimeColumn_({nullable: true})
    revokedAt!: Date | undefined | null

    /**
     * block of the revocation: as of an earlier block the contribution is not revoked
     */
    @IntColumn_({nullable: true})
    revokedBlock!: number | undefined | null

    @StringColumn_({nullable: true})
    revokedTxHash!: string | undefined | null

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number
}
