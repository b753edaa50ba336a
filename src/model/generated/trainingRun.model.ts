import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {ModelVersion} from "./modelVersion.model"
import {Account} from "./account.model"
import {TrainingRunDataset} from "./trainingRunDataset.model"
import {TrainingRunGpu} from "./trainingRunGpu.model"

@Entity_()
export class TrainingRun {
    constructor(props?: Partial<TrainingRun>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<runId, 0x-hex>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @ManyToOne_(() => ModelVersion, {nullable: true})
    modelVersion!: ModelVersion

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    attester!: Account

    @DateTimeColumn_({nullable: false})
    startedAt!: Date

    @DateTimeColumn_({nullable: false})
    endedAt!: Date

    @StringColumn_({nullable: false})
    configHash!: string

    /**
     * sum of weightBps over its dataset references
     */
    @IntColumn_({nullable: false})
    totalWeightBps!: number

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number

    @OneToMany_(() => TrainingRunDataset, e => e.run)
    datasets!: TrainingRunDataset[]

    @OneToMany_(() => TrainingRunGpu, e => e.run)
    gpus!: TrainingRunGpu[]
}
