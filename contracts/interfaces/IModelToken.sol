// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Revenue-sharing events of a model token (ERC-7641 semantics); Transfer comes from ERC-20.
interface IModelTokenEvents {
    event RevenueReceived(address indexed from, uint256 amount);
    event RevenueSnapshot(uint256 indexed snapshotId, uint256 newRevenue, uint256 claimable, uint256 totalSupply);
    event RevenueClaimed(uint256 indexed snapshotId, address indexed holder, uint256 amount);
    event BurnRedeemed(address indexed holder, uint256 burned, uint256 paid);
}
