// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ModelToken} from "./ModelToken.sol";
import {ModelTokenFactory} from "./ModelTokenFactory.sol";
import {IInferenceRouterEvents} from "./interfaces/IInferenceRouter.sol";

/// Takes paid inference requests for a model and forwards each fee to the model's token as revenue.
/// Registered providers post the output hash when they have answered.
contract InferenceRouter is Ownable, IInferenceRouterEvents {
    using SafeERC20 for IERC20;

    ModelTokenFactory public immutable factory;
    uint256 public requestCount;
    mapping(address => bool) public providers;

    struct Request {
        uint256 modelId;
        bool fulfilled;
    }

    mapping(uint256 => Request) private _requests;

    error UnknownRequest(uint256 requestId);
    error AlreadyFulfilled(uint256 requestId);
    error NotProvider(address caller);
    error ZeroFee();

    constructor(ModelTokenFactory factory_) Ownable(msg.sender) {
        factory = factory_;
    }

    function setProvider(address provider, bool allowed) external onlyOwner {
        providers[provider] = allowed;
    }

    function request(uint256 modelId, uint256 fee) external returns (uint256 requestId) {
        if (fee == 0) revert ZeroFee();
        ModelToken token = factory.tokenOf(modelId);
        IERC20 asset = token.revenueAsset();
        asset.safeTransferFrom(msg.sender, address(this), fee);
        requestId = ++requestCount;
        _requests[requestId] = Request(modelId, false);
        emit InferenceRequested(requestId, modelId, msg.sender, fee);
        asset.forceApprove(address(token), fee);
        token.receiveRevenue(fee);
    }

    function fulfill(uint256 requestId, bytes32 outputHash) external {
        if (!providers[msg.sender]) revert NotProvider(msg.sender);
        Request storage r = _requests[requestId];
        if (requestId == 0 || requestId > requestCount) revert UnknownRequest(requestId);
        if (r.fulfilled) revert AlreadyFulfilled(requestId);
        r.fulfilled = true;
        emit InferenceFulfilled(requestId, outputHash);
    }
}
