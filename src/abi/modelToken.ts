import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Transfer: event("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", "Transfer(address,address,uint256)", {"from": indexed(p.address), "to": indexed(p.address), "value": p.uint256}),
    RevenueReceived: event("0x10221063d064b7f08df50a7b688426682343e6067582ebc0802467b91b9ac741", "RevenueReceived(address,uint256)", {"from": indexed(p.address), "amount": p.uint256}),
    RevenueSnapshot: event("0x101c426b6592f95425794de20d0809c4259f74614eba1054af2b8ccf52ac4619", "RevenueSnapshot(uint256,uint256,uint256,uint256)", {"snapshotId": indexed(p.uint256), "newRevenue": p.uint256, "claimable": p.uint256, "totalSupply": p.uint256}),
    RevenueClaimed: event("0xb9e8470097faa00e83252475f2ee4b69007b0bb2405268ebec248676998a21b3", "RevenueClaimed(uint256,address,uint256)", {"snapshotId": indexed(p.uint256), "holder": indexed(p.address), "amount": p.uint256}),
    BurnRedeemed: event("0xfc4132c6b58d6613f69013a145b4d055efacf628ea39a66de30aa7d6aad87a1c", "BurnRedeemed(address,uint256,uint256)", {"holder": indexed(p.address), "burned": p.uint256, "paid": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type TransferEventArgs = EParams<typeof events.Transfer>
export type RevenueReceivedEventArgs = EParams<typeof events.RevenueReceived>
export type RevenueSnapshotEventArgs = EParams<typeof events.RevenueSnapshot>
export type RevenueClaimedEventArgs = EParams<typeof events.RevenueClaimed>
export type BurnRedeemedEventArgs = EParams<typeof events.BurnRedeemed>
