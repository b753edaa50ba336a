import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql'
import { ArgsType, Field, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql'
import { BadCursor, columnsFor, page, type TableSpec } from '../../sql/tables'
import { Params } from '../../sql/sql'
import { compileWhere, WhereError, type WhereInput } from '../../sql/where'
import { refOf } from '../common/chains'
import { nativeOf } from '../common/where'
import type { ApiContext } from '../common/context'
import { badInput } from '../common/errors'
import { typeRows } from '../common/rowTypes'

export const MAX_PAGE = 1000

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection', description: 'ascending or descending' })

@ObjectType({ description: 'Relay page information' })
export class PageInfo {
  @Field(() => Boolean, { description: 'more items follow the last edge' })
  hasNextPage: boolean
  @Field(() => String, { nullable: true, description: 'cursor of the last edge: pass it as `after` for the next page' })
  endCursor: string | null
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[]
  nodes: T[]
  pageInfo: PageInfo
  totalCount: number | null
}

/** A Relay connection type for a node type: edges with cursors, nodes, pageInfo and totalCount. */
export function connectionOf<T extends object>(name: string, Node: ClassType<T>) {
  @ObjectType(`${name}Edge`, { description: `A ${name} and its cursor` })
  class Edge {
    @Field(() => String, { description: 'opaque cursor of this item' })
    cursor: string
    @Field(() => Node, { description: 'the item' })
    node: T
  }
  @ObjectType(`${name}Connection`, { description: `A page of ${name} items` })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge], { description: 'the items with their cursors' })
    edges: Edge[]
    @Field(() => [Node], { description: 'the nodes of the edges, for clients that do not need cursors' })
    nodes: T[]
    @Field(() => PageInfo, { description: 'where this page ends' })
    pageInfo: PageInfo
    @Field(() => Int, { description: 'items matching the filter (all pages); counted only when asked for' })
    totalCount: number
  }
  return Connection
}

/** An enum of the orderings a table allows, named after the entity (e.g. GpuOrder). */
export function orderEnum(name: string, spec: TableSpec): Record<string, string> {
  const e = Object.fromEntries(Object.keys(spec.orders).map((k) => [k, k]))
  registerEnumType(e, { name, description: `Orderings of ${name.replace(/Order$/, '')} lists` })
  return e
}

/**
 * The fields a connection's request reads of its nodes (under `nodes` and `edges.node`, through
 * fragments too), by name.
 */
function nodeFields(info: GraphQLResolveInfo): Set<string> {
  const out = new Set<string>()
  const walk = (set: SelectionSetNode | undefined, depth: number) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, depth)
      else if (s.kind === Kind.FRAGMENT_SPREAD) walk(info.fragments[s.name.value]?.selectionSet, depth)
      else if (depth === 2) out.add(s.name.value)
      // depth 0: the connection's fields; 1: an edge's; 2: a node's
      else if (depth === 0 && s.name.value === 'nodes') walk(s.selectionSet, 2)
      else if (depth === 0 && s.name.value === 'edges') walk(s.selectionSet, 1)
      else if (depth === 1 && s.name.value === 'node') walk(s.selectionSet, 2)
    }
  }
  for (const n of info.fieldNodes) walk(n.selectionSet, 0)
  return out
}

function asks(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((n) =>
    n.selectionSet?.selections.some((s) => s.kind === 'Field' && s.name.value === field),
  )
}

/**
 * A filter value that names an item by its id (an address, a gpuId, a bytes32 id, or an opaque id):
 * listPage turns it into the item's stored ids on the page's chains (graphql/common/chains.ts).
 */
export class RefFilter {
  constructor(
    readonly value: string,
    readonly native: (v: string, argument: string) => string,
  ) {}
}

export function ref(value: string | null | undefined, native: (v: string, argument: string) => string) {
  return value == null ? null : new RefFilter(value, native)
}

/**
 * Runs a paginated list query: checks `first`, resolves the filter's references, reads one page of
 * the columns asked for, primes the by-id loader with whole rows.
 */
export async function listPage<T extends { id: string }>(
  ctx: ApiContext,
  info: GraphQLResolveInfo,
  spec: TableSpec,
  args: {
    first: number
    after?: string | null
    orderBy?: string | null
    direction?: OrderDirection | null
    chainId?: number | null
  },
  given: Record<string, unknown>,
  where: WhereInput | null = null,
): Promise<ConnectionShape<T>> {
  if (!Number.isInteger(args.first) || args.first < 0 || args.first > MAX_PAGE) {
    throw badInput(`first must be between 0 and ${MAX_PAGE}, got ${args.first}`, 'first')
  }
  const filter: Record<string, unknown> = { chainId: args.chainId ?? null }
  for (const [k, v] of Object.entries(given)) {
    filter[k] = v instanceof RefFilter ? (await refOf(ctx, v.value, args.chainId, `filter.${k}`, v.native)).ids : v
  }
  // Only the columns the request reads, when its fields are plain columns: a page of wide rows
  // costs mostly parsing them. A partial row must not answer later by-id lookups.
  const columns = columnsFor(spec, nodeFields(info))
  let condition: ((p: Params) => string) | null = null
  if (where) {
    const cx = { chains: args.chainId != null ? [args.chainId] : await ctx.chains(), native: nativeOf }
    // compiled once here, so a malformed or unindexed where is refused before any statement runs
    condition = (p) => compileWhere(spec.where!, where, p, cx)
    try {
      condition(new Params())
    } catch (e) {
      if (e instanceof WhereError) throw badInput(e.message, e.argument)
      throw e
    }
  }
  try {
    const p = await page<T>(ctx.db, spec, {
      first: args.first,
      after: args.after ?? null,
      orderBy: args.orderBy ?? spec.defaultOrder,
      direction: args.direction ?? OrderDirection.ASC,
      filter,
      columns,
      where: condition,
    })
    typeRows(spec, p.rows)
    if (!columns) ctx.loaders.prime(spec, p.rows)
    const edges = p.rows.map((r) => ({ cursor: r.__cursor, node: r as T }))
    return {
      edges,
      nodes: p.rows,
      pageInfo: { hasNextPage: p.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: asks(info, 'totalCount') ? await p.totalCount() : null,
    }
  } catch (e) {
    if (e instanceof BadCursor) throw badInput(e.message, 'after')
    // a well-formed cursor whose value does not fit the ordering (class 22: data exceptions)
    if (args.after && /^22/.test((e as { code?: string }).code ?? '')) {
      throw badInput('after is not a cursor of this ordering', 'after')
    }
    throw e
  }
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 100, description: `page size, at most ${MAX_PAGE}` })
  first: number
  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  after: string | null
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction: OrderDirection
  @Field(() => Int, { nullable: true, description: 'only items of this chain (EIP-155 id); null: every chain' })
  chainId: number | null
}
