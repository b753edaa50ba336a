// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Events of the inference router role: paid calls to a model.
interface IInferenceRouterEvents {
    event InferenceRequested(uint256 indexed requestId, uint256 indexed modelId, address indexed caller, uint256 fee);
    event InferenceFulfilled(uint256 indexed requestId, bytes32 outputHash);
}
