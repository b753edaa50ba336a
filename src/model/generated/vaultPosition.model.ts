import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Vault} from "./vault.model"
import {Account} from "./account.model"

/**
 * Shares of a vault held by an account (from the share Transfer events)
 */
@Entity_()
export class VaultPosition {
    constructor(props?: Partial<VaultPosition>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<vault>-<account address>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @Index_()
    @ManyToOne_(() => Vault, {nullable: true})
    vault!: Vault

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    account!: Account

    @BigIntColumn_({nullable: false})
    shares!: bigint
}
