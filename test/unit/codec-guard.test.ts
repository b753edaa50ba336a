import { Src, array, bytes32, uint256 } from '@subsquid/evm-codec'
import { guardAbiDecoder } from '../../src/sdk/codecGuard'

const word = (n: bigint) => n.toString(16).padStart(64, '0')
const src = (hex: string) => new Src(Buffer.from(hex, 'hex'))

describe('ABI decoder bounds (codecGuard)', () => {
  beforeAll(() => guardAbiDecoder())

  it('refuses an array whose length claims more items than the data holds', () => {
    // head: offset 0x20; at 0x20: length 2^32 - 1; then a single word of data
    const data = word(32n) + word(2n ** 32n - 1n) + word(7n)
    expect(() => array(bytes32).decode(src(data))).toThrow(/claims 4294967295 items but the data holds at most 1/)
  })

  it('still decodes an honest array', () => {
    const data = word(32n) + word(2n) + word(5n) + word(6n)
    expect(array(uint256).decode(src(data))).toEqual([5n, 6n])
  })

  it('refuses a bytes32 cut short instead of returning fewer bytes', () => {
    expect(() => bytes32.decode(src('ab'.repeat(20)))).toThrow(/runs past the end of the data/)
    expect(bytes32.decode(src('ab'.repeat(32)))).toBe('0x' + 'ab'.repeat(32))
  })
})
