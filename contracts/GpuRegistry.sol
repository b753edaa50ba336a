// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IGpuRegistryEvents} from "./interfaces/IGpuRegistry.sol";

/// One ERC-721 per physical GPU. The NFT owner is the investor who receives the GPU's net revenue;
/// the operator runs the machine and reports its usage. Only the registry admin (the financier)
/// registers and revalues GPUs.
contract GpuRegistry is ERC721, Ownable, IGpuRegistryEvents {
    uint8 public constant ACTIVE = 0;
    uint8 public constant RETIRED = 3;

    struct Gpu {
        address operator;
        uint8 status;
        bool registered;
    }

    mapping(uint256 => Gpu) private _gpus;

    error AlreadyRegistered(uint256 gpuId);
    error UnknownGpu(uint256 gpuId);
    error BadStatus(uint8 status);
    error GpuRetired(uint256 gpuId);
    error NotOperator(address caller);
    error ZeroValuation();

    constructor() ERC721("deAI GPU", "dGPU") Ownable(msg.sender) {}

    function register(
        uint256 gpuId,
        address investor,
        address operator,
        bytes32 sku,
        bytes32 region,
        uint256 valuation,
        address valuationAsset
    ) external onlyOwner {
        if (_gpus[gpuId].registered) revert AlreadyRegistered(gpuId);
        if (valuation == 0) revert ZeroValuation();
        _gpus[gpuId] = Gpu(operator, ACTIVE, true);
        emit GpuRegistered(gpuId, operator, sku, region, valuation, valuationAsset);
        _safeMint(investor, gpuId);
    }

    /// The operator moves its GPU between Active, Maintenance and Offline; the admin may also retire it.
    function setStatus(uint256 gpuId, uint8 status) external {
        Gpu storage g = _known(gpuId);
        if (status > RETIRED) revert BadStatus(status);
        if (g.status == RETIRED) revert GpuRetired(gpuId);
        if (msg.sender != g.operator && msg.sender != owner()) revert NotOperator(msg.sender);
        if (status == RETIRED && msg.sender != owner()) revert NotOperator(msg.sender);
        g.status = status;
        emit GpuStatusChanged(gpuId, status);
    }

    function revalue(uint256 gpuId, uint256 valuation) external onlyOwner {
        Gpu storage g = _known(gpuId);
        if (g.status == RETIRED) revert GpuRetired(gpuId);
        if (valuation == 0) revert ZeroValuation();
        emit GpuRevalued(gpuId, valuation);
    }

    function operatorOf(uint256 gpuId) external view returns (address) {
        return _known(gpuId).operator;
    }

    function statusOf(uint256 gpuId) external view returns (uint8) {
        return _known(gpuId).status;
    }

    function isRegistered(uint256 gpuId) external view returns (bool) {
        return _gpus[gpuId].registered;
    }

    function _known(uint256 gpuId) private view returns (Gpu storage g) {
        g = _gpus[gpuId];
        if (!g.registered) revert UnknownGpu(gpuId);
    }
}
