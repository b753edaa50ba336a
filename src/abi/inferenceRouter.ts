import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    InferenceRequested: event("0x843b48edb70d12bf40254fb325c9b16bd5db48abbe0bd655f9132fafe5970f70", "InferenceRequested(uint256,uint256,address,uint256)", {"requestId": indexed(p.uint256), "modelId": indexed(p.uint256), "caller": indexed(p.address), "fee": p.uint256}),
    InferenceFulfilled: event("0x0feb43e7e233cb87bb8fecb50728a183c3a09e669861b6517b3dfbfcaeb8ff76", "InferenceFulfilled(uint256,bytes32)", {"requestId": indexed(p.uint256), "outputHash": p.bytes32}),
}

export class Contract extends ContractBase {
}

/// Event types
export type InferenceRequestedEventArgs = EParams<typeof events.InferenceRequested>
export type InferenceFulfilledEventArgs = EParams<typeof events.InferenceFulfilled>
