import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * A log at a configured address that could not be decoded or broke a rule of the spec; nothing else was stored from it
 */
@Entity_()
export class RejectedEvent {
    constructor(props?: Partial<RejectedEvent>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    /**
     * emitting contract, lowercase
     */
    @Index_()
    @StringColumn_({nullable: false})
    address!: string

    /**
     * topic0 of the log
     */
    @StringColumn_({nullable: true})
    topic0!: string | undefined | null

    /**
     * event name the log claimed to be, when its topic0 is known
     */
    @StringColumn_({nullable: true})
    eventName!: string | undefined | null

    /**
     * why it was rejected
     */
    @StringColumn_({nullable: false})
    reason!: string

    @StringColumn_({nullable: false})
    txHash!: string

    @Index_()
    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number
}
