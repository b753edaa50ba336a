// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Emits any log it is given. The demo installs this code at a configured contract address for a
/// moment (anvil_setCode) to reproduce what a buggy or hostile emitter puts on a real chain:
/// our own contracts refuse to emit malformed events, so they cannot produce them.
/// It touches no storage, so the original contract works again once its code is restored.
contract RawEmitter {
    function emitRaw(bytes32[] calldata topics, bytes calldata data) external {
        bytes memory d = data;
        uint256 n = topics.length;
        require(n <= 4, "too many topics");
        bytes32 t0 = n > 0 ? topics[0] : bytes32(0);
        bytes32 t1 = n > 1 ? topics[1] : bytes32(0);
        bytes32 t2 = n > 2 ? topics[2] : bytes32(0);
        bytes32 t3 = n > 3 ? topics[3] : bytes32(0);
        assembly {
            let p := add(d, 32)
            let len := mload(d)
            switch n
            case 0 { log0(p, len) }
            case 1 { log1(p, len, t0) }
            case 2 { log2(p, len, t0, t1) }
            case 3 { log3(p, len, t0, t1, t2) }
            default { log4(p, len, t0, t1, t2, t3) }
        }
    }
}
