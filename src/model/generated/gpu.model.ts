import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, Index as Index_, StringColumn as StringColumn_, ManyToOne as ManyToOne_, DateTimeColumn as DateTimeColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"
import {GpuStatus} from "./_gpuStatus"
import {GpuTransfer} from "./gpuTransfer.model"
import {GpuValuation} from "./gpuValuation.model"
import {GpuStatusChange} from "./gpuStatusChange.model"

/**
 * A physical GPU, tokenized as an ERC-721 of the GPU registry
 */
@Entity_()
export class Gpu {
    constructor(props?: Partial<Gpu>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<gpuId (= ERC-721 tokenId) in decimal>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    /**
     * gpuId as a number, for ordering
     */
    @Index_()
    @BigIntColumn_({nullable: false})
    gpuId!: bigint

    /**
     * registry contract that minted it
     */
    @StringColumn_({nullable: false})
    registry!: string

    /**
     * current NFT owner: receives the GPU's net revenue (null until the mint Transfer is seen)
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    owner!: Account | undefined | null

    /**
     * operator that runs the machine and reports its usage
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    operator!: Account

    /**
     * hardware SKU label, e.g. H100-SXM-80GB
     */
    @Index_()
    @StringColumn_({nullable: false})
    sku!: string

    /**
     * region label
     */
    @Index_()
    @StringColumn_({nullable: false})
    region!: string

    @Column_("varchar", {length: 11, nullable: false})
    status!: GpuStatus

    /**
     * current financed valuation in valuationAsset base units
     */
    @BigIntColumn_({nullable: false})
    valuation!: bigint

    /**
     * ERC-20 address of the valuation (0x0 = native coin)
     */
    @StringColumn_({nullable: false})
    valuationAsset!: string

    /**
     * block time of GpuRegistered
     */
    @Index_()
    @DateTimeColumn_({nullable: false})
    registeredAt!: Date

    @IntColumn_({nullable: false})
    registeredBlock!: number

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    logIndex!: number

    @OneToMany_(() => GpuTransfer, e => e.gpu)
    transfers!: GpuTransfer[]

    @OneToMany_(() => GpuValuation, e => e.gpu)
    valuations!: GpuValuation[]

    @OneToMany_(() => GpuStatusChange, e => e.gpu)
    statusChanges!: GpuStatusChange[]
}
