import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
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
     * <vault>-<account>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Vault, {nullable: true})
    vault!: Vault

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    account!: Account

    @BigIntColumn_({nullable: false})
    shares!: bigint
}
