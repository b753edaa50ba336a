import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Gpu} from "./gpu.model"

/**
 * Per GPU per hour (bucketStart aligned to UTC hours): usage by epochStart, revenue by distribution block time. Maintained at ingestion; corrections move the numbers
 */
@Index_(["gpu", "bucketStart"], {unique: false})
@Entity_()
export class GpuHour {
    constructor(props?: Partial<GpuHour>) {
        Object.assign(this, props)
    }

    /**
     * <gpuId>-<bucketStart unix seconds>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @ManyToOne_(() => Gpu, {nullable: true})
    gpu!: Gpu

    @Index_()
    @DateTimeColumn_({nullable: false})
    bucketStart!: Date

    /**
     * denormalised from the GPU so scope filters need no join
     */
    @StringColumn_({nullable: false})
    operator!: string

    @StringColumn_({nullable: false})
    sku!: string

    @StringColumn_({nullable: false})
    region!: string

    @BigIntColumn_({nullable: false})
    availableSec!: bigint

    @BigIntColumn_({nullable: false})
    rentedSec!: bigint

    /**
     * grossRevenue of the usage records (reported)
     */
    @BigIntColumn_({nullable: false})
    reportedGross!: bigint

    /**
     * RevenueDistributed sums
     */
    @BigIntColumn_({nullable: false})
    gross!: bigint

    @BigIntColumn_({nullable: false})
    operatorFee!: bigint

    @BigIntColumn_({nullable: false})
    protocolFee!: bigint

    @BigIntColumn_({nullable: false})
    net!: bigint
}
