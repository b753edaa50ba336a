import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
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

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

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
