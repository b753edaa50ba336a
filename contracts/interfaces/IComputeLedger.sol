// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Events of the compute ledger role: usage per GPU epoch and its revenue split.
interface IComputeLedgerEvents {
    event UsageReported(
        uint256 indexed gpuId,
        uint64 indexed epoch,
        uint64 epochStart,
        uint32 epochLength,
        uint32 availableSec,
        uint32 rentedSec,
        uint256 grossRevenue,
        address asset
    );
    event RevenueDistributed(
        uint256 indexed gpuId,
        uint64 indexed epoch,
        address indexed beneficiary,
        address asset,
        uint256 gross,
        uint256 operatorFee,
        uint256 protocolFee,
        uint256 net
    );
}
