import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Holder} from "./holder.model"
import {ModelToken} from "./modelToken.model"

/**
 * One side of a model-token Transfer (mints and burns included): the holder's balance history
 */
@Entity_()
export class HolderBalanceChange {
    constructor(props?: Partial<HolderBalanceChange>) {
        Object.assign(this, props)
    }

    /**
     * <eventId>-<from|to>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @ManyToOne_(() => Holder, {nullable: true})
    holder!: Holder

    @Index_()
    @ManyToOne_(() => ModelToken, {nullable: true})
    token!: ModelToken

    @BigIntColumn_({nullable: false})
    delta!: bigint

    @BigIntColumn_({nullable: false})
    balanceAfter!: bigint

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
