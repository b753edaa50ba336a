// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IGpuVaultEvents} from "./interfaces/IGpuVault.sol";

/// ERC-4626 vault financing the GPU fleet. GPU repayments come in through `accrueYield`, which raises
/// the assets behind every share and announces the new absolute state.
contract GpuVault is ERC4626, IGpuVaultEvents {
    using SafeERC20 for IERC20;

    error ZeroYield();

    constructor(IERC20 asset_, string memory name_, string memory symbol_) ERC20(name_, symbol_) ERC4626(asset_) {}

    function accrueYield(uint256 assetsAdded) external {
        if (assetsAdded == 0) revert ZeroYield();
        IERC20(asset()).safeTransferFrom(msg.sender, address(this), assetsAdded);
        emit YieldAccrued(assetsAdded, totalAssets(), totalSupply());
    }
}
