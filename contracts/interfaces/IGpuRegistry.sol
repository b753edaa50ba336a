// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Events of the GPU registry role (an ERC-721, one token per physical GPU).
/// The indexer reads exactly these; the ERC-721 Transfer comes from OpenZeppelin.
interface IGpuRegistryEvents {
    event GpuRegistered(
        uint256 indexed gpuId,
        address indexed operator,
        bytes32 sku,
        bytes32 region,
        uint256 valuation,
        address valuationAsset
    );
    event GpuStatusChanged(uint256 indexed gpuId, uint8 status);
    event GpuRevalued(uint256 indexed gpuId, uint256 valuation);
}
