import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Gpu} from "./gpu.model"

/**
 * Per GPU per UTC day; same fields and rules as GpuHour
 */
@Entity_()
export class GpuDay {
    constructor(props?: Partial<GpuDay>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Gpu, {nullable: true})
    gpu!: Gpu

    @Index_()
    @DateTimeColumn_({nullable: false})
    bucketStart!: Date

    @Index_()
    @StringColumn_({nullable: false})
    operator!: string

    @Index_()
    @StringColumn_({nullable: false})
    sku!: string

    @Index_()
    @StringColumn_({nullable: false})
    region!: string

    @BigIntColumn_({nullable: false})
    availableSec!: bigint

    @BigIntColumn_({nullable: false})
    rentedSec!: bigint

    @BigIntColumn_({nullable: false})
    reportedGross!: bigint

    @BigIntColumn_({nullable: false})
    gross!: bigint

    @BigIntColumn_({nullable: false})
    operatorFee!: bigint

    @BigIntColumn_({nullable: false})
    protocolFee!: bigint

    @BigIntColumn_({nullable: false})
    net!: bigint
}
