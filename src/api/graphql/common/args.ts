import { type DocumentNode, GraphQLError, visit } from 'graphql'
import { type AsOf, asOfCut } from '../../sql/asOf'
import { type Bucket, checkWindow, type Window } from '../../sql/time'
import type { ApiContext } from './context'
import { badInput } from './errors'

/** Argument checks shared by the resolvers: each failure is a BAD_USER_INPUT naming the argument. */

const ADDRESS = /^0x[0-9a-fA-F]{40}$/
const BYTES32 = /^0x[0-9a-fA-F]{64}$/

/** An address in any case → lowercase 0x-hex. */
export function addressArg(value: string, argument: string): string {
  if (!ADDRESS.test(value))
    throw badInput(`${argument} must be a 0x-prefixed 20-byte address, got "${value}"`, argument)
  return value.toLowerCase()
}

/** A bytes32 id in any case → lowercase 0x-hex. */
export function bytes32Arg(value: string, argument: string): string {
  if (!BYTES32.test(value)) throw badInput(`${argument} must be a 0x-prefixed 32-byte hex id, got "${value}"`, argument)
  return value.toLowerCase()
}

export function windowArg(from: Date, to: Date, bucket: Bucket | null = null): Window {
  const bad = checkWindow({ from, to }, bucket)
  if (bad) throw badInput(bad.message, bad.argument)
  return { from, to }
}

export function nonNegative(value: bigint, argument: string): bigint {
  if (value < 0n) throw badInput(`${argument} must be >= 0, got ${value}`, argument)
  return value
}

/**
 * Text arguments may hold any character but NUL, which Postgres text cannot store: a filter with one
 * would fail in the database. Checked for the whole request, before anything runs: inline string
 * literals (named by their argument) and variables (named `$variable`), however deeply nested.
 */
/** Whether a JSON value holds a string with NUL, at any depth (iterative: depth is the client's). */
export function hasNul(value: unknown): boolean {
  const stack = [value]
  while (stack.length) {
    const v = stack.pop()
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true
    } else if (v != null && typeof v === 'object') {
      // pushed one by one: spreading a client's array of 10^6 items would overflow the call
      for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push(x)
    }
  }
  return false
}

export function assertNoNulText(document: DocumentNode, variables: Record<string, unknown>): void {
  // thrown before execution, so it carries its HTTP status (400) itself, as the limits' errors do
  const refuse = (message: string, argument: string) =>
    new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument, http: { status: 400 } } })
  visit(document, {
    Argument(node) {
      let found = false
      visit(node.value, {
        StringValue(s) {
          if (s.value.includes('\u0000')) found = true
        },
      })
      if (found) throw refuse(`${node.name.value} must not contain NUL characters`, node.name.value)
    },
  })
  for (const [name, value] of Object.entries(variables))
    if (hasNul(value)) throw refuse(`$${name} must not contain NUL characters`, name)
}

/** The optional `asOfBlock` argument (docs/api.md, "As of a block"). */
export const AS_OF_ARG = {
  nullable: true,
  description:
    "a block of the item's chain: the answer as it was after that block (other chains' items up to its block time)",
} as const

/** The cut at `asOfBlock` on the item's chain; a block not indexed yet is BAD_USER_INPUT naming the argument. */
export async function asOfArg(ctx: ApiContext, chainId: number, asOfBlock: number | null): Promise<AsOf | null> {
  if (asOfBlock == null) return null
  const cut = await asOfCut(ctx.db, chainId, asOfBlock)
  if (typeof cut === 'string') throw badInput(cut, 'asOfBlock')
  return cut
}

/** A decimal id (a gpuId, a contribution id) → its canonical decimal. */
export function decimalId(value: string, argument: string, what = 'id'): string {
  if (!/^\d{1,78}$/.test(value)) throw badInput(`${argument} must be a decimal ${what}, got "${value}"`, argument)
  return BigInt(value).toString()
}
