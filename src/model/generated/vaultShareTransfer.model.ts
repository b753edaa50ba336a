import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Vault} from "./vault.model"

/**
 * A share Transfer of a vault: the evidence behind every change of a VaultPosition (mints and burns included)
 */
@Index_(["vault", "blockNumber"], {unique: false})
@Entity_()
export class VaultShareTransfer {
    constructor(props?: Partial<VaultShareTransfer>) {
        Object.assign(this, props)
    }

    /**
     * <block>-<logIndex>
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

    /**
     * sender address, lowercase (the zero address for a mint)
     */
    @StringColumn_({nullable: false})
    from!: string

    /**
     * receiver address, lowercase (the zero address for a burn)
     */
    @StringColumn_({nullable: false})
    to!: string

    @BigIntColumn_({nullable: false})
    shares!: bigint

    @StringColumn_({nullable: false})
    txHash!: string

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: false})
    blockTime!: Date

    @IntColumn_({nullable: false})
    logIndex!: number
}
