import fs from 'node:fs'
import path from 'node:path'
import { type Address, type Hex, encodeAbiParameters, encodeEventTopics, toHex } from 'viem'
import type { RawLog } from '../../src/demo/malformed'
import type { Rng } from '../../src/demo/rng'

/**
 * Hostile logs for every event of a role's ABI, at that role's address. Five strategies, cycled:
 *
 * - `random`: the right topic0 and topic count, random data of a random length (often not a
 *   multiple of 32);
 * - `topics`: a plausible body with one indexed topic missing, or one too many;
 * - `extreme`: a valid encoding of boundary values: uint max, int min, the zero and all-ones
 *   addresses, 300-element arrays, 4 KB strings, invalid UTF-8 and NUL in strings;
 * - `hugeLength`: a valid encoding whose first dynamic field claims a length near 2^255, or an
 *   offset far past the end;
 * - `valid`: a valid encoding of random values (may still break a domain rule).
 */
export type Strategy = 'random' | 'topics' | 'extreme' | 'hugeLength' | 'valid'
export const STRATEGIES: readonly Strategy[] = ['random', 'topics', 'extreme', 'hugeLength', 'valid']

interface Param {
  name: string
  type: string
  indexed?: boolean
  components?: Param[]
}
interface EventItem {
  type: string
  name: string
  inputs: Param[]
}

export function loadAbi(file: string): EventItem[] {
  const abi = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'abi', file), 'utf8')) as EventItem[]
  return abi.filter((a) => a.type === 'event')
}

export interface FuzzLog extends RawLog {
  strategy: Strategy
  event: string
}

export function fuzzLogs(rng: Rng, targets: { address: Address; abi: EventItem[] }[], perEvent: number): FuzzLog[] {
  const out: FuzzLog[] = []
  for (const { address, abi } of targets) {
    for (const ev of abi) {
      for (let i = 0; i < perEvent; i++) {
        const strategy = STRATEGIES[i % STRATEGIES.length]
        const { topics, data } = build(rng, ev, strategy)
        out.push({ name: `${ev.name} ${strategy} #${i}`, event: ev.name, strategy, address, topics, data })
      }
    }
  }
  return out
}

function build(rng: Rng, ev: EventItem, strategy: Strategy): { topics: Hex[]; data: Hex } {
  const indexed = ev.inputs.filter((p) => p.indexed)
  const body = ev.inputs.filter((p) => !p.indexed)
  const mode = strategy === 'extreme' ? 'extreme' : 'random'
  const args = Object.fromEntries(ev.inputs.map((p) => [p.name, value(rng, p, mode)]))
  const topics = encodeEventTopics({ abi: [ev], eventName: ev.name, args } as any) as Hex[]
  const encode = () => encodeAbiParameters(body as any, body.map((p) => args[p.name]) as any)
  switch (strategy) {
    case 'random':
      return { topics, data: randomBytes(rng, rng.int(0, 300)) }
    case 'topics':
      // one indexed topic too few (if any), else one too many (a log holds at most 4 topics)
      return {
        topics:
          indexed.length > 0 && (topics.length === 4 || rng.chance(0.5))
            ? topics.slice(0, -1)
            : [...topics, randomBytes(rng, 32)],
        data: encode(),
      }
    case 'hugeLength': {
      const words = chunk(encode())
      const dyn = body.findIndex((p) => isDynamic(p.type))
      if (dyn < 0) return { topics, data: randomBytes(rng, rng.int(1, 31)) } // no dynamic field: a short body
      // the head word of a dynamic field is its offset; point it past the end, or at a huge length
      const offset = Number(BigInt('0x' + words[dyn]))
      if (rng.chance(0.5) || offset / 32 >= words.length) words[dyn] = (2n ** 64n).toString(16).padStart(64, '0')
      else words[offset / 32] = 'f'.repeat(63) + '0'
      return { topics, data: ('0x' + words.join('')) as Hex }
    }
    default:
      return { topics, data: encode() }
  }
}

function value(rng: Rng, p: Param, mode: 'random' | 'extreme'): unknown {
  const t = p.type
  if (t.endsWith('[]')) {
    const n = mode === 'extreme' ? rng.pick([0, 300]) : rng.int(0, 4)
    return Array.from({ length: n }, () => value(rng, { ...p, type: t.slice(0, -2) }, mode))
  }
  if (t === 'address')
    return mode === 'extreme' ? rng.pick(['0x' + '0'.repeat(40), '0x' + 'f'.repeat(40)]) : randomBytes(rng, 20)
  if (t === 'bool') return rng.chance(0.5)
  if (t === 'string') {
    if (mode === 'random') return `fuzz-${rng.int(0, 1e9)}`
    return rng.pick(['', 'x'.repeat(4096), 'nul\u0000inside', '\ud800 lone surrogate', 'ok'])
  }
  if (t === 'bytes')
    return mode === 'extreme' ? toHex(new Uint8Array([0xff, 0xfe, 0x00, 0xc3])) : randomBytes(rng, rng.int(0, 64))
  const bytesN = /^bytes(\d+)$/.exec(t)
  if (bytesN) {
    const n = Number(bytesN[1])
    // invalid UTF-8 and NULs, for bytes32 labels read as text
    return mode === 'extreme' ? (('0x' + 'ff00c3'.repeat(n).slice(0, 2 * n)) as Hex) : randomBytes(rng, n)
  }
  const int = /^(u?)int(\d*)$/.exec(t)
  if (int) {
    const bits = BigInt(int[2] || '256')
    const unsigned = int[1] === 'u'
    if (mode === 'extreme') {
      if (unsigned) return rng.pick([0n, 2n ** bits - 1n])
      return rng.pick([-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n])
    }
    const span = 2n ** (unsigned ? bits : bits - 1n)
    const small = BigInt(rng.int(0, 1_000_000)) % span
    return unsigned || rng.chance(0.5) ? small : -small
  }
  throw new Error(`fuzz: no generator for ABI type ${t}`)
}

function isDynamic(t: string): boolean {
  return t === 'string' || t === 'bytes' || t.endsWith('[]')
}

function randomBytes(rng: Rng, n: number): Hex {
  let h = '0x'
  for (let i = 0; i < n; i++) h += rng.int(0, 255).toString(16).padStart(2, '0')
  return h as Hex
}

function chunk(data: Hex): string[] {
  const hex = data.slice(2)
  const out: string[] = []
  for (let i = 0; i < hex.length; i += 64) out.push(hex.slice(i, i + 64))
  return out
}
