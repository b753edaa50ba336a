import { type Address, type Hex, encodePacked, keccak256 } from 'viem'

/** Merkle tree of reward leaves keccak256(epochId, contributor, amount), hashed pairwise sorted like OpenZeppelin's MerkleProof. */
export function rewardLeaf(epochId: bigint, contributor: Address, amount: bigint): Hex {
  return keccak256(encodePacked(['uint256', 'address', 'uint256'], [epochId, contributor, amount]))
}

function hashPair(a: Hex, b: Hex): Hex {
  return a.toLowerCase() < b.toLowerCase()
    ? keccak256(`${a}${b.slice(2)}` as Hex)
    : keccak256(`${b}${a.slice(2)}` as Hex)
}

export function merkleTree(leaves: Hex[]): { root: Hex; proof(i: number): Hex[] } {
  if (leaves.length === 0) throw new Error('empty tree')
  const layers: Hex[][] = [leaves]
  while (layers[layers.length - 1].length > 1) {
    const prev = layers[layers.length - 1]
    const next: Hex[] = []
    for (let i = 0; i < prev.length; i += 2) next.push(i + 1 < prev.length ? hashPair(prev[i], prev[i + 1]) : prev[i])
    layers.push(next)
  }
  return {
    root: layers[layers.length - 1][0],
    proof(i: number) {
      const out: Hex[] = []
      for (let l = 0; l < layers.length - 1; l++) {
        const sibling = i ^ 1
        if (sibling < layers[l].length) out.push(layers[l][sibling])
        i >>= 1
      }
      return out
    },
  }
}
