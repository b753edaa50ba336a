import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {DatasetVersion} from "./datasetVersion.model"
import {DerivationOp} from "./_derivationOp"

/**
 * A derivation edge: child was derived from parent (edges form a DAG)
 */
@Entity_()
export class DatasetDerivation {
    constructor(props?: Partial<DatasetDerivation>) {
        Object.assign(this, props)
    }

    /**
     * <child id>-<parent id> (both <chainId>:<versionId>)
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @ManyToOne_(() => DatasetVersion, {nullable: true})
    child!: DatasetVersion

    @Index_()
    @ManyToOne_(() => DatasetVersion, {nullable: true})
    parent!: DatasetVersion

    @Column_("varchar", {length: 9, nullable: false})
    op!: DerivationOp

    @IntColumn_({nullable: false})
    inheritBps!: number

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number
}
