// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDataRegistryEvents} from "./interfaces/IDataRegistry.sol";

/// Registers datasets, their published versions, how versions derive from each other and who
/// contributed which items. Derivations must keep the version graph acyclic and may hand at most
/// 100% of a child's credit to its parents.
contract DataRegistry is IDataRegistryEvents {
    uint8 public constant MAX_OP = 5;
    uint8 public constant MAX_KIND = 3;
    uint8 public constant MAX_REASON = 2;
    // Bounds the on-chain cycle check; deeper graphs must be built bottom-up.
    uint256 public constant MAX_WALK = 256;

    struct Dataset {
        address owner;
        uint32 latestVersion;
        bool registered;
    }

    struct Version {
        bytes32 datasetId;
        uint16 inheritBpsSum;
        bool published;
    }

    struct Contribution {
        bytes32 versionId;
        bool revoked;
    }

    mapping(bytes32 => Dataset) public datasets;
    mapping(bytes32 => Version) public versions;
    mapping(bytes32 => bytes32[]) private _parents;
    mapping(bytes32 => mapping(bytes32 => bool)) public isParent;
    mapping(uint256 => Contribution) public contributions;
    uint256 public contributionCount;

    error DatasetExists(bytes32 datasetId);
    error UnknownDataset(bytes32 datasetId);
    error UnknownVersion(bytes32 versionId);
    error VersionExists(bytes32 versionId);
    error VersionNotIncreasing(uint32 version);
    error NotOwner(address caller);
    error BadOp(uint8 op);
    error BadBps(uint16 bps);
    error SelfDerivation();
    error DuplicateEdge();
    error Cycle(bytes32 childVersionId, bytes32 parentVersionId);
    error InheritOverflow(uint256 sum);
    error WalkTooDeep();
    error UnknownContribution(uint256 contributionId);
    error AlreadyRevoked(uint256 contributionId);
    error BadKind(uint8 kind);
    error BadReason(uint8 reason);

    function registerDataset(bytes32 datasetId, bytes32 license, string calldata uri) external {
        if (datasets[datasetId].registered) revert DatasetExists(datasetId);
        datasets[datasetId] = Dataset(msg.sender, 0, true);
        emit DatasetRegistered(datasetId, msg.sender, license, uri);
    }

    function publishVersion(
        bytes32 versionId,
        bytes32 datasetId,
        uint32 version,
        bytes32 contentRoot,
        uint64 records,
        uint64 sizeBytes
    ) external {
        Dataset storage d = datasets[datasetId];
        if (!d.registered) revert UnknownDataset(datasetId);
        if (d.owner != msg.sender) revert NotOwner(msg.sender);
        if (versions[versionId].published) revert VersionExists(versionId);
        if (version <= d.latestVersion) revert VersionNotIncreasing(version);
        d.latestVersion = version;
        versions[versionId] = Version(datasetId, 0, true);
        emit DatasetVersionPublished(versionId, datasetId, version, contentRoot, records, sizeBytes);
    }

    /// Declares that `child` was made from `parent`; the child's dataset owner declares it.
    function derive(bytes32 child, bytes32 parent, uint8 op, uint16 inheritBps) external {
        Version storage c = _version(child);
        _version(parent);
        if (datasets[c.datasetId].owner != msg.sender) revert NotOwner(msg.sender);
        if (op > MAX_OP) revert BadOp(op);
        if (child == parent) revert SelfDerivation();
        if (isParent[child][parent]) revert DuplicateEdge();
        uint256 sum = uint256(c.inheritBpsSum) + inheritBps;
        if (sum > 10000) revert InheritOverflow(sum);
        if (_reaches(parent, child)) revert Cycle(child, parent);
        c.inheritBpsSum = uint16(sum);
        isParent[child][parent] = true;
        _parents[child].push(parent);
        emit DatasetDerived(child, parent, op, inheritBps);
    }

    function recordContribution(
        bytes32 versionId,
        address contributor,
        uint8 kind,
        bytes32 itemsRoot,
        uint32 items,
        uint16 qualityBps
    ) external returns (uint256 contributionId) {
        Version storage v = _version(versionId);
        if (datasets[v.datasetId].owner != msg.sender) revert NotOwner(msg.sender);
        if (kind > MAX_KIND) revert BadKind(kind);
        if (qualityBps > 10000) revert BadBps(qualityBps);
        contributionId = ++contributionCount;
        contributions[contributionId] = Contribution(versionId, false);
        emit ContributionRecorded(contributionId, versionId, contributor, kind, itemsRoot, items, qualityBps);
    }

    function revokeContribution(uint256 contributionId, uint8 reason) external {
        Contribution storage k = contributions[contributionId];
        if (k.versionId == bytes32(0)) revert UnknownContribution(contributionId);
        if (datasets[versions[k.versionId].datasetId].owner != msg.sender) revert NotOwner(msg.sender);
        if (k.revoked) revert AlreadyRevoked(contributionId);
        if (reason > MAX_REASON) revert BadReason(reason);
        k.revoked = true;
        emit ContributionRevoked(contributionId, reason);
    }

    function parentsOf(bytes32 versionId) external view returns (bytes32[] memory) {
        return _parents[versionId];
    }

    function _version(bytes32 versionId) private view returns (Version storage v) {
        v = versions[versionId];
        if (!v.published) revert UnknownVersion(versionId);
    }

    /// Depth-first walk up the parent links from `from`, looking for `target`.
    function _reaches(bytes32 from, bytes32 target) private view returns (bool) {
        bytes32[] memory stack = new bytes32[](MAX_WALK);
        uint256 top = 0;
        uint256 visited = 0;
        stack[top++] = from;
        while (top > 0) {
            bytes32 v = stack[--top];
            if (v == target) return true;
            if (++visited > MAX_WALK) revert WalkTooDeep();
            bytes32[] storage ps = _parents[v];
            for (uint256 i = 0; i < ps.length; i++) {
                if (top == MAX_WALK) revert WalkTooDeep();
                stack[top++] = ps[i];
            }
        }
        return false;
    }
}
