import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, BigIntColumn as BigIntColumn_, FloatColumn as FloatColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {VaultState} from "./vaultState.model"

/**
 * An ERC-4626 vault (a configured address). State: (totalAssets, totalSupply) after its latest event
 */
@Entity_()
export class Vault {
    constructor(props?: Partial<Vault>) {
        Object.assign(this, props)
    }

    /**
     * vault address, lowercase
     */
    @PrimaryColumn_()
    id!: string

    @BigIntColumn_({nullable: false})
    totalAssets!: bigint

    @BigIntColumn_({nullable: false})
    totalSupply!: bigint

    /**
     * totalAssets / totalSupply; null while the supply is 0
     */
    @FloatColumn_({nullable: true})
    pricePerShare!: number | undefined | null

    /**
     * block time of the first event that set its state
     */
    @DateTimeColumn_({nullable: true})
    firstEventAt!: Date | undefined | null

    @DateTimeColumn_({nullable: true})
    lastEventAt!: Date | undefined | null

    @IntColumn_({nullable: false})
    depositCount!: number

    @IntColumn_({nullable: false})
    withdrawalCount!: number

    @OneToMany_(() => VaultState, e => e.vault)
    states!: VaultState[]
}
