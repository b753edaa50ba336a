import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    UsageReported: event("0x694b1693f118a0fbdfc7eaf46479ce258ebf079ba26bd41b39cb8a64590baa89", "UsageReported(uint256,uint64,uint64,uint32,uint32,uint32,uint256,address)", {"gpuId": indexed(p.uint256), "epoch": indexed(p.uint64), "epochStart": p.uint64, "epochLength": p.uint32, "availableSec": p.uint32, "rentedSec": p.uint32, "grossRevenue": p.uint256, "asset": p.address}),
    RevenueDistributed: event("0xc29f918bb80bf7a50a69ba795f8009506d68fd09d0c962ad6dc9dc891134459f", "RevenueDistributed(uint256,uint64,address,address,uint256,uint256,uint256,uint256)", {"gpuId": indexed(p.uint256), "epoch": indexed(p.uint64), "beneficiary": indexed(p.address), "asset": p.address, "gross": p.uint256, "operatorFee": p.uint256, "protocolFee": p.uint256, "net": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type UsageReportedEventArgs = EParams<typeof events.UsageReported>
export type RevenueDistributedEventArgs = EParams<typeof events.RevenueDistributed>
