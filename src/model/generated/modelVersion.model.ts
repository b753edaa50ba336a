import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, Index as Index_, StringColumn as StringColumn_, ManyToOne as ManyToOne_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {ModelVersionOp} from "./_modelVersionOp"
import {TrainingRun} from "./trainingRun.model"

@Entity_()
export class ModelVersion {
    constructor(props?: Partial<ModelVersion>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<modelVersionId, 0x-hex>
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

    /**
     * the parent's id, <chainId>:<parentVersionId as emitted> (null for none)
     */
    @Index_()
    @StringColumn_({nullable: true})
    parentVersionId!: string | undefined | null

    /**
     * the parent when it is indexed
     */
    @Index_()
    @ManyToOne_(() => ModelVersion, {nullable: true})
    parent!: ModelVersion | undefined | null

    /**
     * false when parentVersionId names a version this index has not seen
     */
    @BooleanColumn_({nullable: false})
    parentResolved!: boolean

    @Column_("varchar", {length: 8, nullable: false})
    op!: ModelVersionOp

    @StringColumn_({nullable: false})
    weightsHash!: string

    @StringColumn_({nullable: false})
    uri!: string

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number

    @OneToMany_(() => TrainingRun, e => e.modelVersion)
    runs!: TrainingRun[]
}
