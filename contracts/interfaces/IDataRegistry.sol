// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Events of the data registry role: datasets, versions, derivations and contributions.
interface IDataRegistryEvents {
    event DatasetRegistered(bytes32 indexed datasetId, address indexed owner, bytes32 license, string uri);
    event DatasetVersionPublished(
        bytes32 indexed versionId,
        bytes32 indexed datasetId,
        uint32 version,
        bytes32 contentRoot,
        uint64 records,
        uint64 sizeBytes
    );
    event DatasetDerived(bytes32 indexed childVersionId, bytes32 indexed parentVersionId, uint8 op, uint16 inheritBps);
    event ContributionRecorded(
        uint256 indexed contributionId,
        bytes32 indexed versionId,
        address indexed contributor,
        uint8 kind,
        bytes32 itemsRoot,
        uint32 items,
        uint16 qualityBps
    );
    event ContributionRevoked(uint256 indexed contributionId, uint8 reason);
}
