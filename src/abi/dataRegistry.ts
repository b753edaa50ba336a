import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    DatasetRegistered: event("0x92bcf94f8bc54bf25eede078a91843fe3667354221c8e09636b01c8b7c914d34", "DatasetRegistered(bytes32,address,bytes32,string)", {"datasetId": indexed(p.bytes32), "owner": indexed(p.address), "license": p.bytes32, "uri": p.string}),
    DatasetVersionPublished: event("0x639b9d07b45a10bdfd6b716f3209b9de37f39030e6f61acf8f6e304b01b11c9c", "DatasetVersionPublished(bytes32,bytes32,uint32,bytes32,uint64,uint64)", {"versionId": indexed(p.bytes32), "datasetId": indexed(p.bytes32), "version": p.uint32, "contentRoot": p.bytes32, "records": p.uint64, "sizeBytes": p.uint64}),
    DatasetDerived: event("0x7e0b96bfc355c826457676d305436a2bc81657b1373017b567c0d26c733239e7", "DatasetDerived(bytes32,bytes32,uint8,uint16)", {"childVersionId": indexed(p.bytes32), "parentVersionId": indexed(p.bytes32), "op": p.uint8, "inheritBps": p.uint16}),
    ContributionRecorded: event("0xea0d671d180484a30c21e55daea20f1abaf9b72f8e2745840316dd8a89c56beb", "ContributionRecorded(uint256,bytes32,address,uint8,bytes32,uint32,uint16)", {"contributionId": indexed(p.uint256), "versionId": indexed(p.bytes32), "contributor": indexed(p.address), "kind": p.uint8, "itemsRoot": p.bytes32, "items": p.uint32, "qualityBps": p.uint16}),
    ContributionRevoked: event("0xe9a0dbbdb56c17a797870db01ab9a6b936b9153feff96b7615e5eb786d61e16b", "ContributionRevoked(uint256,uint8)", {"contributionId": indexed(p.uint256), "reason": p.uint8}),
}

export class Contract extends ContractBase {
}

/// Event types
export type DatasetRegisteredEventArgs = EParams<typeof events.DatasetRegistered>
export type DatasetVersionPublishedEventArgs = EParams<typeof events.DatasetVersionPublished>
export type DatasetDerivedEventArgs = EParams<typeof events.DatasetDerived>
export type ContributionRecordedEventArgs = EParams<typeof events.ContributionRecorded>
export type ContributionRevokedEventArgs = EParams<typeof events.ContributionRevoked>
