// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Events of the model token factory role: token creation and its initial model offering (IMO).
interface IModelTokenFactoryEvents {
    event ModelTokenCreated(
        uint256 indexed modelId,
        address indexed token,
        address indexed creator,
        string name,
        string symbol,
        uint256 totalSupply,
        uint16 claimableBps,
        address revenueAsset
    );
    event ImoOpened(
        uint256 indexed modelId,
        uint256 tokensForSale,
        uint256 target,
        address raiseAsset,
        uint64 startTime,
        uint64 endTime
    );
    event ImoDeposited(uint256 indexed modelId, address indexed investor, uint256 amount);
    event ImoFinalized(uint256 indexed modelId, bool success, uint256 raised);
    event ImoClaimed(uint256 indexed modelId, address indexed investor, uint256 tokens, uint256 refund);
}
