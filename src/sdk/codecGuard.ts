import { Src, array, uint8 } from '@subsquid/evm-codec'

/**
 * Bounds checks the ABI decoder of @subsquid/evm-codec 0.3 (pinned) lacks, found by fuzzing
 * (test/e2e/fuzz.test.ts):
 *
 * - an array whose length word claims billions of items allocated them one by one, reading
 *   zero-length `bytes32`s past the end of the data, until the process ran out of memory;
 * - a `bytesN` read past the end of the data returned a short value instead of failing, so a
 *   truncated log decoded to wrong data.
 *
 * Both now throw, so the log is rejected with a reason like any undecodable one.
 */
const WORD = 32
let installed = false

export function guardAbiDecoder(): void {
  if (installed) return
  installed = true
  // Src's internals, as the decoder itself uses them
  interface ArraySrc {
    buf: Uint8Array
    u32(): number
    slice(start: number): Src
    safeJump(pos: number, typeName: string): void
    jumpBack(): void
  }
  const arrayProto = Object.getPrototypeOf(array(uint8)) as {
    decode(src: Src): unknown[]
    item: { decode(s: Src): unknown }
  }
  arrayProto.decode = function (this: { item: { decode(s: Src): unknown } }, src: Src) {
    const s = src as unknown as ArraySrc
    const offset = s.u32()
    s.safeJump(offset, 'array')
    const len = s.u32()
    // every item takes at least one word of the data area (its value, or its head if dynamic)
    const room = Math.floor((s.buf.length - offset - WORD) / WORD)
    if (len > room) throw new RangeError(`array claims ${len} items but the data holds at most ${Math.max(0, room)}`)
    const tmp = s.slice(offset + WORD)
    const val = new Array(len)
    for (let i = 0; i < len; i++) val[i] = this.item.decode(tmp)
    s.jumpBack()
    return val
  }
  const srcProto = Src.prototype as unknown as { staticBytes(len: number): Uint8Array; pos: number; buf: Uint8Array }
  const staticBytes = srcProto.staticBytes
  srcProto.staticBytes = function (this: { pos: number; buf: Uint8Array }, len: number) {
    if (this.pos + WORD > this.buf.length)
      throw new RangeError(`bytes${len} at ${this.pos} runs past the end of the data (${this.buf.length} bytes)`)
    return staticBytes.call(this, len)
  }
}
