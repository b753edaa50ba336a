// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Events of the provenance registry role: model versions, training runs and contributor rewards.
interface IProvenanceRegistryEvents {
    event ModelVersionPublished(
        bytes32 indexed modelVersionId,
        uint256 indexed modelId,
        bytes32 parentVersionId,
        uint8 op,
        bytes32 weightsHash,
        string uri
    );
    event TrainingRunAttested(
        bytes32 indexed runId,
        bytes32 indexed modelVersionId,
        address indexed attester,
        bytes32[] datasetVersionIds,
        uint16[] weightBps,
        uint256[] gpuIds,
        uint64 startedAt,
        uint64 endedAt,
        bytes32 configHash
    );
    event RewardsAllocated(
        uint256 indexed epochId,
        bytes32 indexed modelVersionId,
        address asset,
        uint256 total,
        bytes32 merkleRoot
    );
    event RewardClaimed(uint256 indexed epochId, address indexed contributor, uint256 amount);
}
