// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {GpuRegistry} from "./GpuRegistry.sol";
import {IComputeLedgerEvents} from "./interfaces/IComputeLedger.sol";

/// Operators report each GPU epoch's usage and then pay its revenue out: the operator keeps its fee,
/// the protocol treasury takes its fee and the GPU's current NFT owner receives the net.
contract ComputeLedger is Ownable, IComputeLedgerEvents {
    using SafeERC20 for IERC20;

    uint16 public constant MAX_FEE_BPS = 5000;

    GpuRegistry public immutable registry;
    address public treasury;
    uint16 public operatorFeeBps;
    uint16 public protocolFeeBps;

    struct Report {
        uint256 grossRevenue;
        address asset;
        bool reported;
        bool distributed;
    }

    mapping(uint256 => mapping(uint64 => Report)) private _reports;

    error NotOperator(address caller);
    error BadUsage(uint32 availableSec, uint32 rentedSec, uint32 epochLength);
    error NotReported(uint256 gpuId, uint64 epoch);
    error AlreadyDistributed(uint256 gpuId, uint64 epoch);
    error FeesTooHigh();

    constructor(GpuRegistry registry_, address treasury_, uint16 operatorFeeBps_, uint16 protocolFeeBps_)
        Ownable(msg.sender)
    {
        registry = registry_;
        treasury = treasury_;
        _setFees(operatorFeeBps_, protocolFeeBps_);
    }

    function setFees(uint16 operatorFeeBps_, uint16 protocolFeeBps_) external onlyOwner {
        _setFees(operatorFeeBps_, protocolFeeBps_);
    }

    /// A second report for the same epoch is a correction; it is refused once revenue was paid out.
    function reportUsage(
        uint256 gpuId,
        uint64 epoch,
        uint64 epochStart,
        uint32 epochLength,
        uint32 availableSec,
        uint32 rentedSec,
        uint256 grossRevenue,
        address asset
    ) external {
        if (registry.operatorOf(gpuId) != msg.sender) revert NotOperator(msg.sender);
        if (rentedSec > availableSec || availableSec > epochLength) {
            revert BadUsage(availableSec, rentedSec, epochLength);
        }
        Report storage r = _reports[gpuId][epoch];
        if (r.distributed) revert AlreadyDistributed(gpuId, epoch);
        r.grossRevenue = grossRevenue;
        r.asset = asset;
        r.reported = true;
        emit UsageReported(gpuId, epoch, epochStart, epochLength, availableSec, rentedSec, grossRevenue, asset);
    }

    /// Pays the reported gross revenue of an epoch; the operator must have approved this ledger.
    function distribute(uint256 gpuId, uint64 epoch) external {
        if (registry.operatorOf(gpuId) != msg.sender) revert NotOperator(msg.sender);
        Report storage r = _reports[gpuId][epoch];
        if (!r.reported) revert NotReported(gpuId, epoch);
        if (r.distributed) revert AlreadyDistributed(gpuId, epoch);
        r.distributed = true;
        uint256 gross = r.grossRevenue;
        uint256 operatorFee = (gross * operatorFeeBps) / 10000;
        uint256 protocolFee = (gross * protocolFeeBps) / 10000;
        uint256 net = gross - operatorFee - protocolFee;
        address beneficiary = registry.ownerOf(gpuId);
        IERC20 token = IERC20(r.asset);
        if (protocolFee > 0) token.safeTransferFrom(msg.sender, treasury, protocolFee);
        if (net > 0) token.safeTransferFrom(msg.sender, beneficiary, net);
        emit RevenueDistributed(gpuId, epoch, beneficiary, r.asset, gross, operatorFee, protocolFee, net);
    }

    function _setFees(uint16 operatorFeeBps_, uint16 protocolFeeBps_) private {
        if (uint256(operatorFeeBps_) + protocolFeeBps_ > MAX_FEE_BPS) revert FeesTooHigh();
        operatorFeeBps = operatorFeeBps_;
        protocolFeeBps = protocolFeeBps_;
    }
}
