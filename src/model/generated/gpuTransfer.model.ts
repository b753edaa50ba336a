import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Gpu} from "./gpu.model"
import {Account} from "./account.model"

/**
 * An ERC-721 transfer of a GPU (mint included): the GPU's owner history
 */
@Entity_()
export class GpuTransfer {
    constructor(props?: Partial<GpuTransfer>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Gpu, {nullable: true})
    gpu!: Gpu

    @StringColumn_({nullable: false})
    from!: string

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    to!: Account

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number
}
