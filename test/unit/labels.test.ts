import { bytes32ToLabel } from '../../src/mappings/shared/labels'
import { rewardLeaf, merkleTree } from '../../src/demo/merkle'
import { keccak256, concatHex } from 'viem'

describe('bytes32 labels', () => {
  it('strips the trailing NULs of right-padded ASCII', () => {
    // "H100" = 48 31 30 30, then 28 zero bytes
    expect(bytes32ToLabel('0x48313030' + '00'.repeat(28))).toBe('H100')
    expect(bytes32ToLabel('0x' + '00'.repeat(32))).toBe('')
  })
  it('refuses what is not right-padded ASCII: a NUL inside, or a byte above 0x7f', () => {
    expect(bytes32ToLabel('0x4800' + '31'.repeat(2) + '00'.repeat(28))).toBeNull() // "H\0" then "11"
    expect(bytes32ToLabel('0x48ff' + '00'.repeat(30))).toBeNull()
  })
})

describe('reward merkle tree', () => {
  it('hashes sorted pairs like OpenZeppelin MerkleProof and gives proofs that fold back to the root', () => {
    const leaves = [1n, 2n, 3n].map((a) => rewardLeaf(1n, '0x00000000000000000000000000000000000000aa', a))
    const t = merkleTree(leaves)
    const pair = (a: `0x${string}`, b: `0x${string}`) =>
      a < b ? keccak256(concatHex([a, b])) : keccak256(concatHex([b, a]))
    // three leaves: root = H(H(l0,l1), l2)
    expect(t.root).toBe(pair(pair(leaves[0], leaves[1]), leaves[2]))
    for (let i = 0; i < 3; i++) expect(t.proof(i).reduce(pair, leaves[i])).toBe(t.root)
  })
})
