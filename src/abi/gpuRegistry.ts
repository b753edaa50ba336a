import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Transfer: event("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", "Transfer(address,address,uint256)", {"from": indexed(p.address), "to": indexed(p.address), "tokenId": indexed(p.uint256)}),
    GpuRegistered: event("0x06616170ce4fe3b28a40fed0e0f2553de187462b40f98a7e9b071fa6a5ed8195", "GpuRegistered(uint256,address,bytes32,bytes32,uint256,address)", {"gpuId": indexed(p.uint256), "operator": indexed(p.address), "sku": p.bytes32, "region": p.bytes32, "valuation": p.uint256, "valuationAsset": p.address}),
    GpuStatusChanged: event("0xda292a23d05668698aec1d55e42e384d1b9ec69cf836c865faa8aa4be1ee65f7", "GpuStatusChanged(uint256,uint8)", {"gpuId": indexed(p.uint256), "status": p.uint8}),
    GpuRevalued: event("0xfa30840bfd4b62ddc1002636e6c82a329bde8bb6552650a546ea02343bab50eb", "GpuRevalued(uint256,uint256)", {"gpuId": indexed(p.uint256), "valuation": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type TransferEventArgs = EParams<typeof events.Transfer>
export type GpuRegisteredEventArgs = EParams<typeof events.GpuRegistered>
export type GpuStatusChangedEventArgs = EParams<typeof events.GpuStatusChanged>
export type GpuRevaluedEventArgs = EParams<typeof events.GpuRevalued>
