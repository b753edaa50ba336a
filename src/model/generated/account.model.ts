import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Gpu} from "./gpu.model"

/**
 * An address seen in any domain (owner, operator, holder, contributor, attester)
 */
@Entity_()
export class Account {
    constructor(props?: Partial<Account>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<address, lowercase>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    /**
     * block time the address first appeared in an indexed event
     */
    @DateTimeColumn_({nullable: false})
    firstSeenAt!: Date

    @OneToMany_(() => Gpu, e => e.owner)
    gpusOwned!: Gpu[]

    @OneToMany_(() => Gpu, e => e.operator)
    gpusOperated!: Gpu[]
}
