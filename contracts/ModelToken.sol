// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Arrays} from "@openzeppelin/contracts/utils/Arrays.sol";
import {IModelTokenEvents} from "./interfaces/IModelToken.sol";

/// Revenue-sharing token of one model (ERC-7641 semantics). Revenue accumulates until the creator takes a
/// snapshot; `claimableBps` of it is shared pro rata by the holders of that moment, the rest funds the
/// burn pool that `burnRedeem` pays out of.
contract ModelToken is ERC20, IModelTokenEvents {
    using SafeERC20 for IERC20;
    using Arrays for uint256[];

    IERC20 public immutable revenueAsset;
    uint16 public immutable claimableBps;
    address public immutable creator;

    uint256 public pendingRevenue;
    uint256 public burnPool;
    uint256 public currentSnapshotId;

    struct Snapshot {
        uint256 claimable;
        uint256 totalSupply;
    }

    mapping(uint256 => Snapshot) public snapshots;
    mapping(uint256 => mapping(address => bool)) public claimed;

    // Balances as of each snapshot, recorded lazily before the first change after it (ERC20Snapshot style).
    struct Checkpoints {
        uint256[] ids;
        uint256[] values;
    }

    mapping(address => Checkpoints) private _balanceCheckpoints;

    error NotCreator(address caller);
    error NothingToSnapshot();
    error UnknownSnapshot(uint256 snapshotId);
    error AlreadyClaimed(uint256 snapshotId, address holder);
    error NothingToClaim();
    error BadBps(uint16 bps);
    error ZeroAmount();

    constructor(
        string memory name_,
        string memory symbol_,
        uint256 totalSupply_,
        uint16 claimableBps_,
        IERC20 revenueAsset_,
        address creator_,
        address mintTo
    ) ERC20(name_, symbol_) {
        if (claimableBps_ > 10000) revert BadBps(claimableBps_);
        revenueAsset = revenueAsset_;
        claimableBps = claimableBps_;
        creator = creator_;
        _mint(mintTo, totalSupply_);
    }

    function receiveRevenue(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        revenueAsset.safeTransferFrom(msg.sender, address(this), amount);
        pendingRevenue += amount;
        emit RevenueReceived(msg.sender, amount);
    }

    function snapshot() external returns (uint256 snapshotId) {
        if (msg.sender != creator) revert NotCreator(msg.sender);
        uint256 newRevenue = pendingRevenue;
        if (newRevenue == 0) revert NothingToSnapshot();
        pendingRevenue = 0;
        uint256 claimable = (newRevenue * claimableBps) / 10000;
        burnPool += newRevenue - claimable;
        snapshotId = ++currentSnapshotId;
        snapshots[snapshotId] = Snapshot(claimable, totalSupply());
        emit RevenueSnapshot(snapshotId, newRevenue, claimable, totalSupply());
    }

    function balanceOfAt(address account, uint256 snapshotId) public view returns (uint256) {
        if (snapshotId == 0 || snapshotId > currentSnapshotId) revert UnknownSnapshot(snapshotId);
        Checkpoints storage c = _balanceCheckpoints[account];
        uint256 i = c.ids.lowerBound(snapshotId);
        return i == c.ids.length ? balanceOf(account) : c.values[i];
    }

    function entitlement(address holder, uint256 snapshotId) public view returns (uint256) {
        Snapshot storage s = snapshots[snapshotId];
        return (balanceOfAt(holder, snapshotId) * s.claimable) / s.totalSupply;
    }

    function claim(uint256 snapshotId) external returns (uint256 amount) {
        if (claimed[snapshotId][msg.sender]) revert AlreadyClaimed(snapshotId, msg.sender);
        amount = entitlement(msg.sender, snapshotId);
        if (amount == 0) revert NothingToClaim();
        claimed[snapshotId][msg.sender] = true;
        revenueAsset.safeTransfer(msg.sender, amount);
        emit RevenueClaimed(snapshotId, msg.sender, amount);
    }

    /// Burns tokens for their pro-rata part of the burn pool.
    function burnRedeem(uint256 amount) external returns (uint256 paid) {
        if (amount == 0) revert ZeroAmount();
        paid = (burnPool * amount) / totalSupply();
        burnPool -= paid;
        _burn(msg.sender, amount);
        if (paid > 0) revenueAsset.safeTransfer(msg.sender, paid);
        emit BurnRedeemed(msg.sender, amount, paid);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0)) _checkpoint(from);
        if (to != address(0)) _checkpoint(to);
        super._update(from, to, value);
    }

    function _checkpoint(address account) private {
        uint256 id = currentSnapshotId;
        if (id == 0) return;
        Checkpoints storage c = _balanceCheckpoints[account];
        if (c.ids.length == 0 || c.ids[c.ids.length - 1] < id) {
            c.ids.push(id);
            c.values.push(balanceOf(account));
        }
    }
}
