import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"
import {TrainingRun} from "./trainingRun.model"
import {Gpu} from "./gpu.model"

/**
 * A GPU a run used; kept when the GPU is unknown here (resolved = false)
 */
@Entity_()
export class TrainingRunGpu {
    constructor(props?: Partial<TrainingRunGpu>) {
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
     * the gpuId as the run named it
     */
    @Index_()
    @BigIntColumn_({nullable: false})
    referencedGpuId!: bigint

    @Index_()
    @ManyToOne_(() => Gpu, {nullable: true})
    gpu!: Gpu | undefined | null

    @BooleanColumn_({nullable: false})
    resolved!: boolean
}
