import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {TrainingRun} from "./trainingRun.model"

/**
 * A dataset version a run used, as the run named it: the id of that version on the chain the run's
 * references resolve on (resolved when the API reads it, so either chain may be indexed first)
 */
@Entity_()
export class TrainingRunDataset {
    constructor(props?: Partial<TrainingRunDataset>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<runId>-<position>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @ManyToOne_(() => TrainingRun, {nullable: true})
    run!: TrainingRun

    @IntColumn_({nullable: false})
    position!: number

    /**
     * the dataset version's id: <chainId of resolve.datasetsOnChain>:<versionId>
     */
    @Index_()
    @StringColumn_({nullable: false})
    referencedVersionId!: string

    @IntColumn_({nullable: false})
    weightBps!: number
}
