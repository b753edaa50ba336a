import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, FloatColumn as FloatColumn_, DateTimeColumn as DateTimeColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {VaultStateSource} from "./_vaultStateSource"
import {VaultState} from "./vaultState.model"

/**
 * An ERC-4626 vault (a configured address): its state (totalAssets, totalSupply) read from the chain, or from its events
 */
@Entity_()
export class Vault {
    constructor(props?: Partial<Vault>) {
        Object.assign(this, props)
    }

    /**
     * <chainId>:<vault address, lowercase>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the chain of this row (EIP-155 chain id); its id starts with it: "<chainId>:"
     */
    @IntColumn_({nullable: false})
    chainId!: number

    /**
     * the vault's asset (asset(), read once), lowercase; null when the vault does not answer
     */
    @StringColumn_({nullable: true})
    asset!: string | undefined | null

    /**
     * decimals() of the asset; 18 where unreadable
     */
    @IntColumn_({nullable: false})
    assetDecimals!: number

    /**
     * decimals() of the vault's shares; 18 where unreadable
     */
    @IntColumn_({nullable: false})
    shareDecimals!: number

    @Column_("varchar", {length: 6, nullable: false})
    stateSource!: VaultStateSource

    @BigIntColumn_({nullable: false})
    totalAssets!: bigint

    @BigIntColumn_({nullable: false})
    totalSupply!: bigint

    /**
     * asset units per share: (totalAssets / 10^assetDecimals) / (totalSupply / 10^shareDecimals); null while the supply is 0
     */
    @FloatColumn_({nullable: true})
    pricePerShare!: number | undefined | null

    /**
     * block time of the first event that set its state
     */
    @DateTimeColumn_({nullable: true})
    firstEventAt!: Date | undefined | null

    /**
     * block time of the last state change (CHAIN: of the last state read)
     */
    @DateTimeColumn_({nullable: true})
    lastEventAt!: Date | undefined | null

    /**
     * CHAIN: the block of the last state read, where sampling resumes
     */
    @IntColumn_({nullable: true})
    observedBlock!: number | undefined | null

    @IntColumn_({nullable: false})
    depositCount!: number

    @IntColumn_({nullable: false})
    withdrawalCount!: number

    @OneToMany_(() => VaultState, e => e.vault)
    states!: VaultState[]
}
