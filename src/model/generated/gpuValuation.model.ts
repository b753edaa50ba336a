import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Gpu} from "./gpu.model"

/**
 * The valuation of a GPU from a block time on (registration or GpuRevalued)
 */
@Index_(["gpu", "blockTime"], {unique: false})
@Entity_()
export class GpuValuation {
    constructor(props?: Partial<GpuValuation>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @ManyToOne_(() => Gpu, {nullable: true})
    gpu!: Gpu

    @BigIntColumn_({nullable: false})
    valuation!: bigint

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number
}
