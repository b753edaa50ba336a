import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Vault} from "./vault.model"
import {VaultEventKind} from "./_vaultEventKind"
import {Account} from "./account.model"

/**
 * An ERC-4626 Deposit or Withdraw
 */
@Entity_()
export class VaultFlow {
    constructor(props?: Partial<VaultFlow>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Vault, {nullable: true})
    vault!: Vault

    @Column_("varchar", {length: 8, nullable: false})
    kind!: VaultEventKind

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    sender!: Account

    /**
     * Deposit: owner of the new shares; Withdraw: owner whose shares were burned
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    owner!: Account

    /**
     * Withdraw only: who received the assets
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    receiver!: Account | undefined | null

    @BigIntColumn_({nullable: false})
    assets!: bigint

    @BigIntColumn_({nullable: false})
    shares!: bigint

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
