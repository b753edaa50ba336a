import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"
import {ModelToken} from "./modelToken.model"
import {Account} from "./account.model"

/**
 * A paid inference call and, once answered, its fulfilment
 */
@Index_(["modelId", "blockTime"], {unique: false})
@Entity_()
export class InferenceRequest {
    constructor(props?: Partial<InferenceRequest>) {
        Object.assign(this, props)
    }

    /**
     * requestId in decimal
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @BigIntColumn_({nullable: false})
    modelId!: bigint

    @Index_()
    @ManyToOne_(() => ModelToken, {nullable: true})
    token!: ModelToken

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    caller!: Account

    @BigIntColumn_({nullable: false})
    fee!: bigint

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number

    @BooleanColumn_({nullable: false})
    fulfilled!: boolean

    @StringColumn_({nullable: true})
    outputHash!: string | undefined | null

    @DateTimeColumn_({nullable: true})
    fulfilledAt!: Date | undefined | null

    @StringColumn_({nullable: true})
    fulfilledTxHash!: string | undefined | null

    @IntColumn_({nullable: true})
    fulfilledBlockNumber!: number | undefined | null

    @IntColumn_({nullable: true})
    fulfilledLogIndex!: number | undefined | null

    /**
     * fulfilment block time minus request block time
     */
    @IntColumn_({nullable: true})
    latencySec!: number | undefined | null
}
