import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, BigIntColumn as BigIntColumn_, FloatColumn as FloatColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Vault} from "./vault.model"
import {VaultEventKind} from "./_vaultEventKind"

/**
 * The vault state after each Deposit, Withdraw or YieldAccrued (EVENTS vaults), or read at the end of a block (CHAIN vaults): the price-per-share history
 */
@Index_(["vault", "blockTime", "blockNumber", "logIndex"], {unique: false})
@Entity_()
export class VaultState {
    constructor(props?: Partial<VaultState>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<block>-<logIndex> of the event, or <chainId>:<vault>-<block> of a state read
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    @ManyToOne_(() => Vault, {nullable: true})
    vault!: Vault

    @Column_("varchar", {length: 8, nullable: false})
    kind!: VaultEventKind

    @BigIntColumn_({nullable: false})
    totalAssets!: bigint

    @BigIntColumn_({nullable: false})
    totalSupply!: bigint

    @FloatColumn_({nullable: true})
    pricePerShare!: number | undefined | null

    /**
     * null for a state read (no transaction made it)
     */
    @StringColumn_({nullable: true})
    txHash!: string | undefined | null

    @IntColumn_({nullable: false})
    blockNumber!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    /**
     * null for a state read, which holds at the end of its block
     */
    @IntColumn_({nullable: true})
    logIndex!: number | undefined | null
}
