// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Benchmark emitters: one contract per role, each emitting that role's events of EVENTS.md in a
/// loop, so that a million valid events cost a few hundred transactions and generating the chain is
/// not what a benchmark measures. The events follow every rule the indexer checks (registered GPUs,
/// fee parts that add up, consistent vault state, known dataset versions, …). No business logic.

contract BulkGpuRegistry {
    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event GpuRegistered(uint256 indexed gpuId, address indexed operator, bytes32 sku, bytes32 region, uint256 valuation, address valuationAsset);

    function register(uint256 firstId, uint256 n, address owner, address[] calldata operators, bytes32[] calldata skus, bytes32[] calldata regions, uint256 valuation, address asset) external {
        for (uint256 i = 0; i < n; i++) {
            uint256 id = firstId + i;
            emit Transfer(address(0), owner, id);
            emit GpuRegistered(id, operators[id % operators.length], skus[id % skus.length], regions[id % regions.length], valuation + (id % 7) * 1e6, asset);
        }
    }
}

contract BulkComputeLedger {
    event UsageReported(uint256 indexed gpuId, uint64 indexed epoch, uint64 epochStart, uint32 epochLength, uint32 availableSec, uint32 rentedSec, uint256 grossRevenue, address asset);
    event RevenueDistributed(uint256 indexed gpuId, uint64 indexed epoch, address indexed beneficiary, address asset, uint256 gross, uint256 operatorFee, uint256 protocolFee, uint256 net);

    /// One epoch of usage and its payout for GPUs [firstGpu, firstGpu + n).
    function epoch(uint256 firstGpu, uint256 n, uint64 epochNo, uint64 epochStart, address owner, address asset) external {
        for (uint256 i = 0; i < n; i++) {
            uint256 id = firstGpu + i;
            uint32 rented = uint32(43200 + ((id * 7919 + epochNo * 104729) % 43200));
            uint256 gross = uint256(rented) * 2_000_000 / 3600;
            emit UsageReported(id, epochNo, epochStart, 86400, 86400, rented, gross, asset);
            uint256 opFee = gross / 10;
            uint256 protoFee = gross / 20;
            emit RevenueDistributed(id, epochNo, owner, asset, gross, opFee, protoFee, gross - opFee - protoFee);
        }
    }
}

/// Vault events only (an EVENTS vault: no totalAssets()/totalSupply() to read). Reading state at
/// historical blocks would need anvil to keep every block's state, gigabytes on the long bench chains.
contract BulkGpuVault {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Deposit(address indexed sender, address indexed owner, uint256 assets, uint256 shares);
    event YieldAccrued(uint256 assetsAdded, uint256 totalAssets, uint256 totalSupply);

    uint256 internal assets_;
    uint256 internal supply_;

    /// n deposits at the current price, each followed by a small yield accrual.
    function flows(uint256 n, address[] calldata investors) external {
        uint256 a = assets_;
        uint256 s = supply_;
        for (uint256 i = 0; i < n; i++) {
            address who = investors[i % investors.length];
            uint256 assets = 1_000e6 + (i % 97) * 1e6;
            uint256 shares = s == 0 ? assets : assets * s / a;
            a += assets;
            s += shares;
            emit Deposit(who, who, assets, shares);
            emit Transfer(address(0), who, shares);
            uint256 added = 1e6;
            a += added;
            emit YieldAccrued(added, a, s);
        }
        assets_ = a;
        supply_ = s;
    }
}

/// The same emitter answering ERC-4626's state calls: a CHAIN vault, read at every active block
/// (the mainnet-shaped chain, 2,000 blocks, within what anvil keeps by default).
contract BulkChainVault is BulkGpuVault {
    function totalAssets() external view returns (uint256) {
        return assets_;
    }

    function totalSupply() external view returns (uint256) {
        return supply_;
    }
}

contract BulkModelTokenFactory {
    event ModelTokenCreated(uint256 indexed modelId, address indexed token, address indexed creator, string name, string symbol, uint256 totalSupply, uint16 claimableBps, address revenueAsset);
    event ImoOpened(uint256 indexed modelId, uint256 tokensForSale, uint256 target, address raiseAsset, uint64 startTime, uint64 endTime);
    event ImoDeposited(uint256 indexed modelId, address indexed investor, uint256 amount);
    event ImoFinalized(uint256 indexed modelId, bool success, uint256 raised);

    function create(uint256 modelId, address token, address creator, uint256 supply, address asset, uint64 start, uint64 end) external {
        emit ModelTokenCreated(modelId, token, creator, "Bench Model", "BNCH", supply, 6000, asset);
        emit ImoOpened(modelId, supply / 2, 100_000e6, asset, start, end);
    }

    function deposits(uint256 modelId, uint256 n, address[] calldata investors) external {
        for (uint256 i = 0; i < n; i++) emit ImoDeposited(modelId, investors[i % investors.length], 1_000e6);
    }

    function finalize(uint256 modelId, uint256 raised) external {
        emit ImoFinalized(modelId, true, raised);
    }
}

contract BulkModelToken {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event RevenueReceived(address indexed from, uint256 amount);
    event RevenueSnapshot(uint256 indexed snapshotId, uint256 newRevenue, uint256 claimable, uint256 totalSupply);

    uint256 public snapshots;

    function mint(address[] calldata holders, uint256 each) external {
        for (uint256 i = 0; i < holders.length; i++) emit Transfer(address(0), holders[i], each);
    }

    /// n transfers between holders (a ring, so no balance goes negative), n revenue receipts, one snapshot.
    function activity(uint256 n, address[] calldata holders, uint256 supply, address payer) external {
        uint256 revenue = 0;
        for (uint256 i = 0; i < n; i++) {
            emit Transfer(holders[i % holders.length], holders[(i + 1) % holders.length], 1e18);
            emit RevenueReceived(payer, 1e6);
            revenue += 1e6;
        }
        snapshots += 1;
        emit RevenueSnapshot(snapshots, revenue, revenue * 6000 / 10000, supply);
    }
}

contract BulkInferenceRouter {
    event InferenceRequested(uint256 indexed requestId, uint256 indexed modelId, address indexed caller, uint256 fee);
    event InferenceFulfilled(uint256 indexed requestId, bytes32 outputHash);

    function requests(uint256 firstId, uint256 n, uint256 modelId, address[] calldata callers) external {
        for (uint256 i = 0; i < n; i++) {
            uint256 id = firstId + i;
            emit InferenceRequested(id, modelId, callers[i % callers.length], 1e6 + (i % 13) * 1e5);
            emit InferenceFulfilled(id, bytes32(id));
        }
    }
}

contract BulkDataRegistry {
    event DatasetRegistered(bytes32 indexed datasetId, address indexed owner, bytes32 license, string uri);
    event DatasetVersionPublished(bytes32 indexed versionId, bytes32 indexed datasetId, uint32 version, bytes32 contentRoot, uint64 records, uint64 sizeBytes);
    event DatasetDerived(bytes32 indexed childVersionId, bytes32 indexed parentVersionId, uint8 op, uint16 inheritBps);
    event ContributionRecorded(uint256 indexed contributionId, bytes32 indexed versionId, address indexed contributor, uint8 kind, bytes32 itemsRoot, uint32 items, uint16 qualityBps);

    /// n datasets, each with one version; version k (k > 0) derives from version k - 1 (a chain).
    function datasets(uint256 first, uint256 n, address owner) external {
        for (uint256 i = 0; i < n; i++) {
            uint256 k = first + i;
            bytes32 ds = keccak256(abi.encode("ds", k));
            bytes32 v = keccak256(abi.encode("v", k));
            emit DatasetRegistered(ds, owner, bytes32("CC-BY-4.0"), "ipfs://bench");
            emit DatasetVersionPublished(v, ds, 1, keccak256(abi.encode("root", k)), 1000, 1e9);
            if (k > 0) emit DatasetDerived(v, keccak256(abi.encode("v", k - 1)), 0, 5000);
        }
    }

    function contributions(uint256 firstId, uint256 n, uint256 versions, address[] calldata contributors) external {
        for (uint256 i = 0; i < n; i++) {
            uint256 id = firstId + i;
            emit ContributionRecorded(id, keccak256(abi.encode("v", id % versions)), contributors[i % contributors.length], uint8(i % 4), bytes32(id), uint32(100 + i % 900), uint16(5000 + i % 5000));
        }
    }
}

contract BulkProvenanceRegistry {
    event ModelVersionPublished(bytes32 indexed modelVersionId, uint256 indexed modelId, bytes32 parentVersionId, uint8 op, bytes32 weightsHash, string uri);
    event TrainingRunAttested(bytes32 indexed runId, bytes32 indexed modelVersionId, address indexed attester, bytes32[] datasetVersionIds, uint16[] weightBps, uint256[] gpuIds, uint64 startedAt, uint64 endedAt, bytes32 configHash);

    /// n model versions, each fine-tuned from the previous one (a deep chain), each with one run.
    function versions(uint256 first, uint256 n, uint256 modelId, uint256 datasetCount, uint256 gpuCount, address attester, uint64 t) external {
        for (uint256 i = 0; i < n; i++) {
            uint256 k = first + i;
            bytes32 mv = keccak256(abi.encode("mv", k));
            bytes32 parent = k == 0 ? bytes32(0) : keccak256(abi.encode("mv", k - 1));
            emit ModelVersionPublished(mv, modelId, parent, k == 0 ? 0 : 1, bytes32(k), "ipfs://bench-model");
            bytes32[] memory ds = new bytes32[](2);
            ds[0] = keccak256(abi.encode("v", k % datasetCount));
            ds[1] = keccak256(abi.encode("v", (k * 7 + 3) % datasetCount));
            uint16[] memory w = new uint16[](2);
            w[0] = 6000;
            w[1] = 4000;
            uint256[] memory gpus = new uint256[](1);
            gpus[0] = 1 + (k % gpuCount);
            emit TrainingRunAttested(keccak256(abi.encode("run", k)), mv, attester, ds, w, gpus, t, t + 3600, bytes32(k));
        }
    }
}
