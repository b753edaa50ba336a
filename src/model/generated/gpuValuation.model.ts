import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
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

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

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
