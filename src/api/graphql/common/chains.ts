import { idOn } from '../../../mappings/shared/chain'
import type { TableSpec } from '../../sql/tables'
import type { ApiContext } from './context'
import { badInput, notFound } from './errors'

/**
 * How a client names an item when the index holds several chains (docs/api.md, "Several chains").
 * Stored ids are `<chainId>:<id on its chain>` (src/mappings/shared/chain.ts). A client may pass
 * either that opaque id, as the API serves it, or the item's own id (a gpuId, an address, a
 * bytes32 id) with an optional `chainId`; without it, the id is looked up on every chain.
 */
export interface ItemRef {
  /** the stored ids it may name: one, or one per chain the index holds */
  ids: string[]
  /** how the client wrote it, for messages */
  shown: string
  chainId: number | null
}

const OPAQUE = /^(\d{1,10}):(.+)$/

/** The optional `chainId` argument of every root query that takes an id or an address. */
export const CHAIN_ARG = {
  nullable: true,
  description: 'the chain of the item (EIP-155 id); needed only when its id exists on several chains',
} as const

/**
 * The stored ids a client's id may mean. `native` checks and normalizes the id an item has on its
 * chain (decimal, lowercase hex), with the argument's name in its error.
 */
export async function refOf(
  ctx: ApiContext,
  value: string,
  chainId: number | null | undefined,
  argument: string,
  native: (v: string, argument: string) => string,
): Promise<ItemRef> {
  const m = OPAQUE.exec(value)
  if (m) {
    const chain = Number(m[1])
    if (chainId != null && chainId !== chain)
      throw badInput(`${argument} "${value}" is an id on chain ${chain}, but chainId is ${chainId}`, 'chainId')
    return { ids: [idOn(chain, native(m[2], argument))], shown: value, chainId: chain }
  }
  const id = native(value, argument)
  if (chainId != null) return { ids: [idOn(chainId, id)], shown: value, chainId }
  return { ids: (await ctx.chains()).map((c) => idOn(c, id)), shown: value, chainId: null }
}

/** Like refOf, for optional filter values: null stays null. */
export async function optionalRef(
  ctx: ApiContext,
  value: string | null | undefined,
  chainId: number | null | undefined,
  argument: string,
  native: (v: string, argument: string) => string,
): Promise<string[] | null> {
  return value == null ? null : (await refOf(ctx, value, chainId, argument, native)).ids
}

/**
 * The one row a reference names: null when there is none (NOT_FOUND instead when `required`), and
 * BAD_USER_INPUT naming `chainId` when the id exists on several chains.
 */
export async function uniqueRow<T extends { id: string; chainId: number }>(
  ctx: ApiContext,
  spec: TableSpec,
  ref: ItemRef,
  what: string,
  required = false,
): Promise<T | null> {
  const found = (await Promise.all(ref.ids.map((id) => ctx.loaders.one<T>(spec, id)))).filter((r) => r != null) as T[]
  if (found.length > 1) {
    const chains = found.map((r) => r.chainId).join(', ')
    throw badInput(`${what} "${ref.shown}" exists on chains ${chains}: give chainId to say which`, 'chainId')
  }
  if (!found.length && required) {
    const on = ref.chainId == null ? '' : ` on chain ${ref.chainId}`
    throw notFound(`${what} "${ref.shown}" is not indexed${on}`)
  }
  return found[0] ?? null
}

/**
 * A by-id query: the item a client's id names on its chain. None: null, or NOT_FOUND when the client
 * named the chain (`chainId`): it asked for that chain's item. Ambiguity as uniqueRow.
 */
export async function lookup<T extends { id: string; chainId: number }>(
  ctx: ApiContext,
  spec: TableSpec,
  value: string,
  chainId: number | null,
  argument: string,
  native: (v: string, argument: string) => string,
  what: string,
): Promise<T | null> {
  return uniqueRow<T>(ctx, spec, await refOf(ctx, value, chainId, argument, native), what, chainId != null)
}
