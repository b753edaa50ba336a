import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Gpu} from "./gpu.model"
import {Account} from "./account.model"

/**
 * A payout of a GPU epoch's revenue: gross = operatorFee + protocolFee + net; net goes to the beneficiary (the NFT owner)
 */
@Index_(["gpu", "blockTime"], {unique: false})
@Entity_()
export class RevenueDistribution {
    constructor(props?: Partial<RevenueDistribution>) {
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
    epoch!: bigint

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    beneficiary!: Account

    @StringColumn_({nullable: false})
    asset!: string

    @BigIntColumn_({nullable: false})
    gross!: bigint

    @BigIntColumn_({nullable: false})
    operatorFee!: bigint

    @BigIntColumn_({nullable: false})
    protocolFee!: bigint

    @BigIntColumn_({nullable: false})
    net!: bigint

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
