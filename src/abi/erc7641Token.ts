import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Transfer: event("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", "Transfer(address,address,uint256)", {"from": indexed(p.address), "to": indexed(p.address), "value": p.uint256}),
    Snapshot: event("0x8030e83b04d87bef53480e26263266d6ca66863aa8506aca6f2559d18aa1cb67", "Snapshot(uint256)", {"id": p.uint256}),
}

export const functions = {
    percentClaimable: viewFun("0x32e2c0c2", "percentClaimable()", {}, p.uint256),
    claimableRevenue: viewFun("0x2be2bb11", "claimableRevenue(address,uint256)", {"account": p.address, "snapshotId": p.uint256}, p.uint256),
    totalSupplyAt: viewFun("0x981b24d0", "totalSupplyAt(uint256)", {"snapshotId": p.uint256}, p.uint256),
    redeemableOnBurn: viewFun("0x24888f98", "redeemableOnBurn(uint256)", {"amount": p.uint256}, p.uint256),
    claim: fun("0x379607f5", "claim(uint256)", {"snapshotId": p.uint256}, ),
    claimBatch: fun("0x62abebce", "claimBatch(uint256[])", {"snapshotIds": p.array(p.uint256)}, ),
    burn: fun("0x42966c68", "burn(uint256)", {"amount": p.uint256}, ),
}

export class Contract extends ContractBase {

    percentClaimable() {
        return this.eth_call(functions.percentClaimable, {})
    }

    claimableRevenue(account: ClaimableRevenueParams["account"], snapshotId: ClaimableRevenueParams["snapshotId"]) {
        return this.eth_call(functions.claimableRevenue, {account, snapshotId})
    }

    totalSupplyAt(snapshotId: TotalSupplyAtParams["snapshotId"]) {
        return this.eth_call(functions.totalSupplyAt, {snapshotId})
    }

    redeemableOnBurn(amount: RedeemableOnBurnParams["amount"]) {
        return this.eth_call(functions.redeemableOnBurn, {amount})
    }
}

/// Event types
export type TransferEventArgs = EParams<typeof events.Transfer>
export type SnapshotEventArgs = EParams<typeof events.Snapshot>

/// Function types
export type PercentClaimableParams = FunctionArguments<typeof functions.percentClaimable>
export type PercentClaimableReturn = FunctionReturn<typeof functions.percentClaimable>

export type ClaimableRevenueParams = FunctionArguments<typeof functions.claimableRevenue>
export type ClaimableRevenueReturn = FunctionReturn<typeof functions.claimableRevenue>

export type TotalSupplyAtParams = FunctionArguments<typeof functions.totalSupplyAt>
export type TotalSupplyAtReturn = FunctionReturn<typeof functions.totalSupplyAt>

export type RedeemableOnBurnParams = FunctionArguments<typeof functions.redeemableOnBurn>
export type RedeemableOnBurnReturn = FunctionReturn<typeof functions.redeemableOnBurn>

export type ClaimParams = FunctionArguments<typeof functions.claim>
export type ClaimReturn = FunctionReturn<typeof functions.claim>

export type ClaimBatchParams = FunctionArguments<typeof functions.claimBatch>
export type ClaimBatchReturn = FunctionReturn<typeof functions.claimBatch>

export type BurnParams = FunctionArguments<typeof functions.burn>
export type BurnReturn = FunctionReturn<typeof functions.burn>

