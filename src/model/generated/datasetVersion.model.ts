import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Dataset} from "./dataset.model"
import {DatasetDerivation} from "./datasetDerivation.model"
import {Contribution} from "./contribution.model"

@Entity_()
export class DatasetVersion {
    constructor(props?: Partial<DatasetVersion>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<versionId, 0x-hex>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @ManyToOne_(() => Dataset, {nullable: true})
    dataset!: Dataset

    @IntColumn_({nullable: false})
    version!: number

    /**
     * Merkle root of the version's records
     */
    @StringColumn_({nullable: false})
    contentRoot!: string

    @BigIntColumn_({nullable: false})
    records!: bigint

    @BigIntColumn_({nullable: false})
    sizeBytes!: bigint

    /**
     * sum of inheritBps over this version's parent edges (at most 10000)
     */
    @IntColumn_({nullable: false})
    inheritBpsTotal!: number

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number

    @OneToMany_(() => DatasetDerivation, e => e.child)
    parents!: DatasetDerivation[]

    @OneToMany_(() => DatasetDerivation, e => e.parent)
    children!: DatasetDerivation[]

    @OneToMany_(() => Contribution, e => e.version)
    contributions!: Contribution[]
}
