// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ModelToken} from "./ModelToken.sol";
import {IModelTokenFactoryEvents} from "./interfaces/IModelTokenFactory.sol";

/// Creates one revenue-sharing token per model and sells part of it in an initial model offering.
/// The offering succeeds when deposits reach the target; oversubscribed deposits are filled pro rata
/// and the excess refunded, a failed offering refunds everything.
contract ModelTokenFactory is IModelTokenFactoryEvents {
    using SafeERC20 for IERC20;

    struct Offering {
        ModelToken token;
        address creator;
        IERC20 raiseAsset;
        uint256 tokensForSale;
        uint256 target;
        uint64 startTime;
        uint64 endTime;
        uint256 raised;
        bool finalized;
        bool success;
    }

    struct TokenParams {
        string name;
        string symbol;
        uint256 totalSupply;
        uint16 claimableBps;
        IERC20 revenueAsset;
    }

    struct OfferingParams {
        uint256 tokensForSale;
        uint256 target;
        IERC20 raiseAsset;
        uint64 startTime;
        uint64 endTime;
    }

    uint256 public modelCount;
    mapping(uint256 => Offering) public offerings;
    mapping(uint256 => mapping(address => uint256)) public deposits;
    mapping(uint256 => mapping(address => bool)) public claimed;

    error UnknownModel(uint256 modelId);
    error BadOffering();
    error NotOpen(uint256 modelId);
    error NotEnded(uint256 modelId);
    error AlreadyFinalized(uint256 modelId);
    error NotFinalized(uint256 modelId);
    error NothingToClaim();
    error ZeroAmount();

    /// Deploys the token (unsold supply goes to the creator) and opens its offering.
    function createModel(TokenParams calldata t, OfferingParams calldata o) external returns (uint256 modelId) {
        if (o.tokensForSale == 0 || o.tokensForSale > t.totalSupply || o.target == 0) revert BadOffering();
        if (o.endTime <= o.startTime) revert BadOffering();
        modelId = ++modelCount;
        ModelToken token =
            new ModelToken(t.name, t.symbol, t.totalSupply, t.claimableBps, t.revenueAsset, msg.sender, address(this));
        offerings[modelId] = Offering(
            token, msg.sender, o.raiseAsset, o.tokensForSale, o.target, o.startTime, o.endTime, 0, false, false
        );
        emit ModelTokenCreated(
            modelId, address(token), msg.sender, t.name, t.symbol, t.totalSupply, t.claimableBps, address(t.revenueAsset)
        );
        emit ImoOpened(modelId, o.tokensForSale, o.target, address(o.raiseAsset), o.startTime, o.endTime);
        if (t.totalSupply > o.tokensForSale) {
            IERC20(address(token)).safeTransfer(msg.sender, t.totalSupply - o.tokensForSale);
        }
    }

    function deposit(uint256 modelId, uint256 amount) external {
        Offering storage o = _offering(modelId);
        if (block.timestamp < o.startTime || block.timestamp >= o.endTime || o.finalized) revert NotOpen(modelId);
        if (amount == 0) revert ZeroAmount();
        o.raiseAsset.safeTransferFrom(msg.sender, address(this), amount);
        o.raised += amount;
        deposits[modelId][msg.sender] += amount;
        emit ImoDeposited(modelId, msg.sender, amount);
    }

    /// Anyone may finalize after the end. On success the creator receives min(raised, target);
    /// on failure the tokens for sale return to the creator.
    function finalize(uint256 modelId) external {
        Offering storage o = _offering(modelId);
        if (block.timestamp < o.endTime) revert NotEnded(modelId);
        if (o.finalized) revert AlreadyFinalized(modelId);
        o.finalized = true;
        o.success = o.raised >= o.target;
        if (o.success) {
            o.raiseAsset.safeTransfer(o.creator, o.target);
        } else {
            IERC20(address(o.token)).safeTransfer(o.creator, o.tokensForSale);
        }
        emit ImoFinalized(modelId, o.success, o.raised);
    }

    function claim(uint256 modelId) external returns (uint256 tokens, uint256 refund) {
        Offering storage o = _offering(modelId);
        if (!o.finalized) revert NotFinalized(modelId);
        uint256 d = deposits[modelId][msg.sender];
        if (d == 0 || claimed[modelId][msg.sender]) revert NothingToClaim();
        claimed[modelId][msg.sender] = true;
        (tokens, refund) = quote(modelId, d);
        if (tokens > 0) IERC20(address(o.token)).safeTransfer(msg.sender, tokens);
        if (refund > 0) o.raiseAsset.safeTransfer(msg.sender, refund);
        emit ImoClaimed(modelId, msg.sender, tokens, refund);
    }

    /// tokens = tokensForSale * deposit / raised; an oversubscribed investor pays ceil(deposit * target / raised)
    /// (rounding up keeps the refunds within raised - target) and gets the rest back.
    function quote(uint256 modelId, uint256 depositAmount) public view returns (uint256 tokens, uint256 refund) {
        Offering storage o = _offering(modelId);
        if (!o.success) return (0, depositAmount);
        tokens = (o.tokensForSale * depositAmount) / o.raised;
        if (o.raised > o.target) {
            uint256 paid = (depositAmount * o.target + o.raised - 1) / o.raised;
            refund = depositAmount - paid;
        }
    }

    function tokenOf(uint256 modelId) external view returns (ModelToken) {
        return _offering(modelId).token;
    }

    function _offering(uint256 modelId) private view returns (Offering storage o) {
        o = offerings[modelId];
        if (address(o.token) == address(0)) revert UnknownModel(modelId);
    }
}
