/** The zero address: `from` of a mint, `to` of a burn. */
export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000'
