import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {TrainingRun} from "./trainingRun.model"

/**
 * A GPU a run used, as the run named it: the GPU's id on the chain the run's references resolve on
 * (resolved when the API reads it)
 */
@Entity_()
export class TrainingRunGpu {
    constructor(props?: Partial<TrainingRunGpu>) {
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
     * the GPU's id: <chainId of resolve.gpusOnChain>:<gpuId>
     */
    @Index_()
    @StringColumn_({nullable: false})
    referencedGpuId!: string
}
