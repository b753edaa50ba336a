// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "oz4/token/ERC20/ERC20.sol";
import {ERC20Snapshot} from "oz4/token/ERC20/extensions/ERC20Snapshot.sol";

/// A revenue-sharing model token written to ERC-7641's interface, the way the EIP's reference and
/// ORA's IMO token behave: it emits only ERC-20 `Transfer` and `Snapshot(uint256)`. Revenue arrives as
/// native coin (a plain transfer, no log); at a snapshot `percentClaimable` % of the revenue since the
/// previous snapshot is claimable by the holders of that moment, the rest goes to a pool paid out to
/// whoever burns tokens. Claims and burn payouts send native coin without a log.
///
/// With `expiring` set, an entitlement of snapshot `s` that is still unclaimed when snapshot `s + 2`
/// is taken rolls into that snapshot's revenue and can no longer be claimed (ORA's rule).
contract Erc7641Token is ERC20Snapshot {
    uint256 public immutable percentClaimable;
    uint256 public immutable snapshotInterval; // in blocks
    bool public immutable expiring;
    uint256 public lastSnapshotBlock;

    mapping(uint256 => uint256) private _claimableAt;
    mapping(uint256 => uint256) private _claimedAt;
    mapping(uint256 => bool) private _expired;
    mapping(uint256 => mapping(address => bool)) private _hasClaimed;
    uint256 private _claimPool; // claimable, not yet claimed nor expired
    uint256 private _burnPool; // the holders' share of past revenue, paid on burn
    uint256 private _paidFromNew; // burn payouts taken from revenue not yet snapshotted

    error NothingToClaim(uint256 snapshotId);
    error TooSoon(uint256 nextBlock);
    error PaymentFailed();

    constructor(string memory name_, string memory symbol_, uint256 supply, uint256 percent, uint256 interval, bool expiring_)
        ERC20(name_, symbol_)
    {
        require(percent <= 100, "percentClaimable > 100");
        percentClaimable = percent;
        snapshotInterval = interval;
        expiring = expiring_;
        lastSnapshotBlock = block.number;
        _mint(msg.sender, supply);
    }

    receive() external payable {}

    /// Revenue received since the last snapshot (net of burn payouts taken from it).
    function _newRevenue() private view returns (uint256) {
        return address(this).balance + _paidFromNew - _claimPool - _burnPool;
    }

    function snapshot() external returns (uint256 id) {
        if (block.number < lastSnapshotBlock + snapshotInterval) revert TooSoon(lastSnapshotBlock + snapshotInterval);
        id = _snapshot();
        lastSnapshotBlock = block.number;
        uint256 rolled;
        if (expiring && id > 2) {
            uint256 old = id - 2;
            rolled = _claimableAt[old] - _claimedAt[old];
            _expired[old] = true;
            _claimPool -= rolled;
        }
        uint256 revenue = _newRevenue(); // includes what just rolled out of the claim pool
        uint256 claimable = (revenue * percentClaimable) / 100;
        _claimableAt[id] = claimable;
        _claimPool += claimable;
        _burnPool += revenue - claimable - _paidFromNew;
        _paidFromNew = 0;
    }

    function claimableRevenue(address account, uint256 snapshotId) public view returns (uint256) {
        if (_hasClaimed[snapshotId][account] || _expired[snapshotId]) return 0;
        return (balanceOfAt(account, snapshotId) * _claimableAt[snapshotId]) / totalSupplyAt(snapshotId);
    }

    function claim(uint256 snapshotId) public {
        uint256 amount = claimableRevenue(msg.sender, snapshotId);
        if (amount == 0) revert NothingToClaim(snapshotId);
        _hasClaimed[snapshotId][msg.sender] = true;
        _claimedAt[snapshotId] += amount;
        _claimPool -= amount;
        _pay(msg.sender, amount);
    }

    function claimBatch(uint256[] calldata snapshotIds) external {
        for (uint256 i = 0; i < snapshotIds.length; i++) claim(snapshotIds[i]);
    }

    function redeemableOnBurn(uint256 amount) public view returns (uint256) {
        (uint256 fromNew, uint256 fromPool) = _burnShares(amount);
        return fromNew + fromPool;
    }

    function burn(uint256 amount) external {
        (uint256 fromNew, uint256 fromPool) = _burnShares(amount);
        _burnPool -= fromPool;
        _paidFromNew += fromNew;
        _burn(msg.sender, amount);
        _pay(msg.sender, fromNew + fromPool);
    }

    /// A burner's part of the holders' share of unsnapshotted revenue, and of the burn pool.
    function _burnShares(uint256 amount) private view returns (uint256 fromNew, uint256 fromPool) {
        uint256 supply = totalSupply();
        uint256 holdersNew = (_newRevenue() * (100 - percentClaimable)) / 100;
        fromNew = holdersNew > _paidFromNew ? (amount * (holdersNew - _paidFromNew)) / supply : 0;
        fromPool = (amount * _burnPool) / supply;
    }

    function _pay(address to, uint256 amount) private {
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert PaymentFailed();
    }
}
