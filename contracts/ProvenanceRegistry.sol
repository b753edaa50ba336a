// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IProvenanceRegistryEvents} from "./interfaces/IProvenanceRegistry.sol";

/// Records model versions, attests which data and GPUs trained them, and pays contributors their
/// rewards against a Merkle root of (epochId, contributor, amount) leaves.
/// Dataset versions and GPUs live in other registries (possibly on other chains), so runs may name
/// ids this contract cannot check; only the model version must be known here.
contract ProvenanceRegistry is IProvenanceRegistryEvents {
    using SafeERC20 for IERC20;

    uint8 public constant MAX_OP = 4;

    struct ModelVersion {
        address publisher;
        bool published;
    }

    struct Allocation {
        IERC20 asset;
        uint256 remaining;
        bytes32 merkleRoot;
    }

    mapping(bytes32 => ModelVersion) public modelVersions;
    mapping(bytes32 => bool) public runs;
    mapping(uint256 => Allocation) public allocations;
    mapping(uint256 => mapping(address => bool)) public rewardClaimed;

    error VersionExists(bytes32 modelVersionId);
    error UnknownVersion(bytes32 modelVersionId);
    error BadOp(uint8 op);
    error RunExists(bytes32 runId);
    error LengthMismatch(uint256 datasets, uint256 weights);
    error BadWeights();
    error BadTimes();
    error EpochExists(uint256 epochId);
    error UnknownEpoch(uint256 epochId);
    error AlreadyClaimed(uint256 epochId, address contributor);
    error BadProof();

    function publishModelVersion(
        bytes32 modelVersionId,
        uint256 modelId,
        bytes32 parentVersionId,
        uint8 op,
        bytes32 weightsHash,
        string calldata uri
    ) external {
        if (modelVersionId == bytes32(0) || modelVersions[modelVersionId].published) revert VersionExists(modelVersionId);
        if (op > MAX_OP) revert BadOp(op);
        if (parentVersionId != bytes32(0) && !modelVersions[parentVersionId].published) {
            revert UnknownVersion(parentVersionId);
        }
        modelVersions[modelVersionId] = ModelVersion(msg.sender, true);
        emit ModelVersionPublished(modelVersionId, modelId, parentVersionId, op, weightsHash, uri);
    }

    function attestTrainingRun(
        bytes32 runId,
        bytes32 modelVersionId,
        bytes32[] calldata datasetVersionIds,
        uint16[] calldata weightBps,
        uint256[] calldata gpuIds,
        uint64 startedAt,
        uint64 endedAt,
        bytes32 configHash
    ) external {
        if (runs[runId]) revert RunExists(runId);
        if (!modelVersions[modelVersionId].published) revert UnknownVersion(modelVersionId);
        if (datasetVersionIds.length != weightBps.length) revert LengthMismatch(datasetVersionIds.length, weightBps.length);
        uint256 sum = 0;
        for (uint256 i = 0; i < weightBps.length; i++) sum += weightBps[i];
        if (datasetVersionIds.length > 0 && sum == 0) revert BadWeights();
        if (endedAt < startedAt) revert BadTimes();
        runs[runId] = true;
        emit TrainingRunAttested(
            runId, modelVersionId, msg.sender, datasetVersionIds, weightBps, gpuIds, startedAt, endedAt, configHash
        );
    }

    /// Funds a reward epoch for a model version's contributors; the caller pays `total` up front.
    function allocateRewards(uint256 epochId, bytes32 modelVersionId, IERC20 asset, uint256 total, bytes32 merkleRoot)
        external
    {
        if (allocations[epochId].merkleRoot != bytes32(0)) revert EpochExists(epochId);
        if (!modelVersions[modelVersionId].published) revert UnknownVersion(modelVersionId);
        asset.safeTransferFrom(msg.sender, address(this), total);
        allocations[epochId] = Allocation(asset, total, merkleRoot);
        emit RewardsAllocated(epochId, modelVersionId, address(asset), total, merkleRoot);
    }

    function claimReward(uint256 epochId, uint256 amount, bytes32[] calldata proof) external {
        Allocation storage a = allocations[epochId];
        if (a.merkleRoot == bytes32(0)) revert UnknownEpoch(epochId);
        if (rewardClaimed[epochId][msg.sender]) revert AlreadyClaimed(epochId, msg.sender);
        bytes32 leaf = keccak256(abi.encodePacked(epochId, msg.sender, amount));
        if (!MerkleProof.verifyCalldata(proof, a.merkleRoot, leaf)) revert BadProof();
        rewardClaimed[epochId][msg.sender] = true;
        a.remaining -= amount;
        a.asset.safeTransfer(msg.sender, amount);
        emit RewardClaimed(epochId, msg.sender, amount);
    }
}
