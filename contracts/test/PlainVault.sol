// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";

/// OpenZeppelin's ERC-4626 as it is, with nothing of ours: yield reaches it as plain transfers of the asset.
contract PlainVault is ERC4626 {
    constructor(IERC20 asset_) ERC20("Plain vault", "pVLT") ERC4626(asset_) {}
}

/// The same with OpenZeppelin's recommended virtual-share offset: 10^3 shares per asset unit at the start.
contract OffsetVault is ERC4626 {
    constructor(IERC20 asset_) ERC20("Offset vault", "oVLT") ERC4626(asset_) {}

    function _decimalsOffset() internal pure override returns (uint8) {
        return 3;
    }
}

/// A strategy-style vault: its assets include a balance held elsewhere (a strategy), which grows
/// without any log the vault or its asset emits.
contract StrategyVault is ERC4626 {
    uint256 public strategyAssets;

    constructor(IERC20 asset_) ERC20("Strategy vault", "sVLT") ERC4626(asset_) {}

    function totalAssets() public view override returns (uint256) {
        return super.totalAssets() + strategyAssets;
    }

    /// Stands for the strategy's gain: a storage write, no event.
    function gain(uint256 assets) external {
        strategyAssets += assets;
    }
}
