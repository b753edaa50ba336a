import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    ModelVersionPublished: event("0x9bf1b02e2dd20553f4741936d8b4b242d83bf687e173bec2b9650f95189a05f2", "ModelVersionPublished(bytes32,uint256,bytes32,uint8,bytes32,string)", {"modelVersionId": indexed(p.bytes32), "modelId": indexed(p.uint256), "parentVersionId": p.bytes32, "op": p.uint8, "weightsHash": p.bytes32, "uri": p.string}),
    TrainingRunAttested: event("0xdbe4a0d063129bd695d8c7d10dcb4b602e128c2624f2383c011d81635eefe238", "TrainingRunAttested(bytes32,bytes32,address,bytes32[],uint16[],uint256[],uint64,uint64,bytes32)", {"runId": indexed(p.bytes32), "modelVersionId": indexed(p.bytes32), "attester": indexed(p.address), "datasetVersionIds": p.array(p.bytes32), "weightBps": p.array(p.uint16), "gpuIds": p.array(p.uint256), "startedAt": p.uint64, "endedAt": p.uint64, "configHash": p.bytes32}),
    RewardsAllocated: event("0x5ee7a540973f596daf10fad45d2eb947e79bbfcb6b12e5ecb62a1ccb1317bc3d", "RewardsAllocated(uint256,bytes32,address,uint256,bytes32)", {"epochId": indexed(p.uint256), "modelVersionId": indexed(p.bytes32), "asset": p.address, "total": p.uint256, "merkleRoot": p.bytes32}),
    RewardClaimed: event("0x24b5efa61dd1cfc659205a97fb8ed868f3cb8c81922bab2b96423e5de1de2cb7", "RewardClaimed(uint256,address,uint256)", {"epochId": indexed(p.uint256), "contributor": indexed(p.address), "amount": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type ModelVersionPublishedEventArgs = EParams<typeof events.ModelVersionPublished>
export type TrainingRunAttestedEventArgs = EParams<typeof events.TrainingRunAttested>
export type RewardsAllocatedEventArgs = EParams<typeof events.RewardsAllocated>
export type RewardClaimedEventArgs = EParams<typeof events.RewardClaimed>
