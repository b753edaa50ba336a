import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_, Index as Index_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"

/**
 * Per dataset version and contributor: the summed weight (items × qualityBps) and the number of the
 * contributions that are not revoked, kept at ingestion so an attribution reads one row per version
 * and contributor of the ancestry instead of every contribution
 */
@Entity_()
export class ContributionWeight {
    constructor(props?: Partial<ContributionWeight>) {
        Object.assign(this, props)
    }

    /**
     * <version id>|<contributor address>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @StringColumn_({nullable: false})
    versionId!: string

    @StringColumn_({nullable: false})
    contributor!: string

    @BigIntColumn_({nullable: false})
    weight!: bigint

    @IntColumn_({nullable: false})
    contributions!: number
}
