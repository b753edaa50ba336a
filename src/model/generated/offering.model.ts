import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, Index as Index_, OneToOne as OneToOne_, JoinColumn as JoinColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {ModelToken} from "./modelToken.model"
import {OfferingStatus} from "./_offeringStatus"

/**
 * An initial model offering (IMO) of a model token
 */
@Entity_()
export class Offering {
    constructor(props?: Partial<Offering>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<modelId in decimal>
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
    modelId!: bigint

    @Index_({unique: true})
    @OneToOne_(() => ModelToken, {nullable: true})
    @JoinColumn_()
    token!: ModelToken

    @BigIntColumn_({nullable: false})
    tokensForSale!: bigint

    @BigIntColumn_({nullable: false})
    target!: bigint

    @StringColumn_({nullable: false})
    raiseAsset!: string

    @DateTimeColumn_({nullable: false})
    startTime!: Date

    @DateTimeColumn_({nullable: false})
    endTime!: Date

    /**
     * sum of ImoDeposited amounts
     */
    @BigIntColumn_({nullable: false})
    deposited!: bigint

    @IntColumn_({nullable: false})
    depositCount!: number

    @IntColumn_({nullable: false})
    investorCount!: number

    @Column_("varchar", {length: 9, nullable: false})
    status!: OfferingStatus

    /**
     * raised as reported by ImoFinalized
     */
    @BigIntColumn_({nullable: true})
    raised!: bigint | undefined | null

    /**
     * price per whole token (10^18 base units) in raiseAsset units, when the offering succeeded
     */
    @BigIntColumn_({nullable: true})
    price!: bigint | undefined | null

    @DateTimeColumn_({nullable: true})
    finalizedAt!: Date | undefined | null

    @StringColumn_({nullable: true})
    finalizedTxHash!: string | undefined | null

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number
}
