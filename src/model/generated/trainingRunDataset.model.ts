import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"
import {TrainingRun} from "./trainingRun.model"
import {DatasetVersion} from "./datasetVersion.model"

/**
 * A dataset version a run used; kept when the version is unknown here (resolved = false)
 */
@Entity_()
export class TrainingRunDataset {
    constructor(props?: Partial<TrainingRunDataset>) {
        Object.assign(this, props)
    }

    /**
     * <runId>-<position>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => TrainingRun, {nullable: true})
    run!: TrainingRun

    @IntColumn_({nullable: false})
    position!: number

    /**
     * the dataset version id as the run named it
     */
    @Index_()
    @StringColumn_({nullable: false})
    referencedVersionId!: string

    @Index_()
    @ManyToOne_(() => DatasetVersion, {nullable: true})
    datasetVersion!: DatasetVersion | undefined | null

    @BooleanColumn_({nullable: false})
    resolved!: boolean

    @IntColumn_({nullable: false})
    weightBps!: number
}
