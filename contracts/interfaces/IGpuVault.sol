// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// The vault role adds one event to ERC-4626 (whose Deposit/Withdraw/Transfer come from OpenZeppelin).
interface IGpuVaultEvents {
    event YieldAccrued(uint256 assetsAdded, uint256 totalAssets, uint256 totalSupply);
}
