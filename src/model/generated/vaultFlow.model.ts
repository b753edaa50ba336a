import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
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

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

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
