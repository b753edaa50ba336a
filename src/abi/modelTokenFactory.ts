import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    ModelTokenCreated: event("0xfbd5729429e7917f732cab85ee9f1e6e88cb696f7926753e9c4b3bf664fce10d", "ModelTokenCreated(uint256,address,address,string,string,uint256,uint16,address)", {"modelId": indexed(p.uint256), "token": indexed(p.address), "creator": indexed(p.address), "name": p.string, "symbol": p.string, "totalSupply": p.uint256, "claimableBps": p.uint16, "revenueAsset": p.address}),
    ImoOpened: event("0x1f7f32afbbfbcd32cf73a6467ee23c82ca4095198f3db574d1c1a2d0b9ef5b07", "ImoOpened(uint256,uint256,uint256,address,uint64,uint64)", {"modelId": indexed(p.uint256), "tokensForSale": p.uint256, "target": p.uint256, "raiseAsset": p.address, "startTime": p.uint64, "endTime": p.uint64}),
    ImoDeposited: event("0xc2d511cbc9fdc0b7b8bf5fdd50a262a43a8126c6c343f36fb7cffbb3a2b75e01", "ImoDeposited(uint256,address,uint256)", {"modelId": indexed(p.uint256), "investor": indexed(p.address), "amount": p.uint256}),
    ImoFinalized: event("0xa0072b33afd1ccd432fcdae803abede4cbfccda54efe5bb9dd96d17dc9207a04", "ImoFinalized(uint256,bool,uint256)", {"modelId": indexed(p.uint256), "success": p.bool, "raised": p.uint256}),
    ImoClaimed: event("0xf15c0e6ce3b81f1fafc2cb00fc08e1463e93dd9fb671ad476a93973ccf660088", "ImoClaimed(uint256,address,uint256,uint256)", {"modelId": indexed(p.uint256), "investor": indexed(p.address), "tokens": p.uint256, "refund": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type ModelTokenCreatedEventArgs = EParams<typeof events.ModelTokenCreated>
export type ImoOpenedEventArgs = EParams<typeof events.ImoOpened>
export type ImoDepositedEventArgs = EParams<typeof events.ImoDeposited>
export type ImoFinalizedEventArgs = EParams<typeof events.ImoFinalized>
export type ImoClaimedEventArgs = EParams<typeof events.ImoClaimed>
