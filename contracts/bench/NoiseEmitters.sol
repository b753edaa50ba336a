// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// The traffic of a mainnet that is not ours, for the mainnet-shaped benchmark: dozens of ERC-20s
/// moving (the same Transfer topic as a model token's) and swap pairs. One NoiseHub call a block
/// makes every token and pair emit, so a block holds a few hundred foreign logs.
contract NoiseToken {
    event Transfer(address indexed from, address indexed to, uint256 value);

    function burst(uint256 n, uint256 salt) external {
        for (uint256 i = 0; i < n; i++) {
            emit Transfer(address(uint160(salt + i)), address(uint160(salt + i + 1)), salt * 31 + i);
        }
    }
}

contract NoisePair {
    event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out,
        address indexed to);
    event Sync(uint112 reserve0, uint112 reserve1);

    function trade(uint256 n, uint256 salt) external {
        for (uint256 i = 0; i < n; i++) {
            emit Swap(msg.sender, salt + i, 0, 0, salt * 2 + i, address(uint160(salt + i)));
            emit Sync(uint112(salt + i), uint112(salt * 3 + i));
        }
    }
}

contract NoiseHub {
    function blockOf(address[] calldata tokens, address[] calldata pairs, uint256 perToken, uint256 perPair,
        uint256 salt) external {
        for (uint256 i = 0; i < tokens.length; i++) NoiseToken(tokens[i]).burst(perToken, salt + i * 1000);
        for (uint256 i = 0; i < pairs.length; i++) NoisePair(pairs[i]).trade(perPair, salt + i * 7000);
    }
}
