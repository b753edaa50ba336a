// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Erc7641Token} from "../standards/Erc7641Token.sol";

/// A factory that deploys ERC-7641 tokens and announces them with our ModelTokenCreated, as an IMO
/// platform would: the token's mint comes first in the transaction, the announcement after it. The
/// announced claimableBps is deliberately not the token's own (the token's value wins).
contract Erc7641Factory {
    event ModelTokenCreated(uint256 indexed modelId, address indexed token, address indexed creator, string name,
        string symbol, uint256 totalSupply, uint16 claimableBps, address revenueAsset);

    function create(uint256 modelId, string calldata name, string calldata symbol, uint256 supply, uint256 percent,
        bool expiring) external returns (address) {
        Erc7641Token token = new Erc7641Token(name, symbol, supply, percent, 0, expiring);
        token.transfer(msg.sender, supply);
        emit ModelTokenCreated(modelId, address(token), msg.sender, name, symbol, supply, 9000, address(0));
        return address(token);
    }
}
