import { compare } from '../../src/api/sql/watch'

const blocks = (from: number, hashes: string) => new Map([...hashes].map((h, i) => [from + i, h]))

describe('compare (two readings of a chain’s indexed blocks)', () => {
  it('sees a new block as a change and no reorg', () => {
    expect(compare(blocks(10, 'abc'), blocks(10, 'abcd'))).toEqual({ changed: true, reorg: null })
    expect(compare(blocks(10, 'abc'), blocks(10, 'abc'))).toEqual({ changed: false, reorg: null })
  })
  it('keeps no reorg when the finalized block moved past the previous newest', () => {
    // 10..12 then only the finalized 15 and hot 16: 12 is final now, not rolled back
    expect(compare(blocks(10, 'abc'), blocks(15, 'fg'))).toEqual({ changed: true, reorg: null })
  })
  it('names the rolled-back blocks: above the highest common block, up to the previous newest', () => {
    // 12 and 13 replaced by another branch, one block longer
    expect(compare(blocks(10, 'abcd'), blocks(10, 'abXYZ'))).toEqual({
      changed: true,
      reorg: { fromBlock: 12, toBlock: 13 },
    })
    // replaced by a shorter branch: 13 is gone, 12 changed
    expect(compare(blocks(10, 'abcd'), blocks(10, 'abX'))).toEqual({
      changed: true,
      reorg: { fromBlock: 12, toBlock: 13 },
    })
    // rolled back and not yet replaced
    expect(compare(blocks(10, 'abcd'), blocks(10, 'ab'))).toEqual({
      changed: true,
      reorg: { fromBlock: 12, toBlock: 13 },
    })
  })
  it('finds the common block even when the finalized one moved up meanwhile', () => {
    // finalized 10 → 11 (same hash as before), 12..13 replaced
    expect(compare(blocks(10, 'abcd'), blocks(11, 'bXY'))).toEqual({
      changed: true,
      reorg: { fromBlock: 12, toBlock: 13 },
    })
  })
})
