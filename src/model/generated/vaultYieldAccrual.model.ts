import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Vault} from "./vault.model"

/**
 * Yield added to a vault by YieldAccrued
 */
@Entity_()
export class VaultYieldAccrual {
    constructor(props?: Partial<VaultYieldAccrual>) {
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

    @BigIntColumn_({nullable: false})
    assetsAdded!: bigint

    @BigIntColumn_({nullable: false})
    totalAssets!: bigint

    @BigIntColumn_({nullable: false})
    totalSupply!: bigint

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
