import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {ModelToken} from "./modelToken.model"
import {Account} from "./account.model"
import {HolderBalanceChange} from "./holderBalanceChange.model"

/**
 * An account's balance of a model token
 */
@Entity_()
export class Holder {
    constructor(props?: Partial<Holder>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<token>-<account address>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @ManyToOne_(() => ModelToken, {nullable: true})
    token!: ModelToken

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    account!: Account

    @Index_()
    @BigIntColumn_({nullable: false})
    balance!: bigint

    @OneToMany_(() => HolderBalanceChange, e => e.holder)
    changes!: HolderBalanceChange[]
}
