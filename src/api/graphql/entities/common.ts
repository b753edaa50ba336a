import type { GraphQLResolveInfo } from 'graphql'
import { ArgsType, Field, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql'
import { BadCursor, page, type TableSpec } from '../../sql/tables'
import type { ApiContext } from '../common/context'
import { badInput } from '../common/errors'

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

function asks(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((n) =>
    n.selectionSet?.selections.some((s) => s.kind === 'Field' && s.name.value === field),
  )
}

/** Runs a paginated list query: checks `first`, reads one page, primes the by-id loader. */
export async function listPage<T extends { id: string }>(
  ctx: ApiContext,
  info: GraphQLResolveInfo,
  spec: TableSpec,
  args: { first: number; after?: string | null; orderBy?: string | null; direction?: OrderDirection | null },
  filter: Record<string, unknown>,
): Promise<ConnectionShape<T>> {
  if (!Number.isInteger(args.first) || args.first < 0 || args.first > MAX_PAGE) {
    throw badInput(`first must be between 0 and ${MAX_PAGE}, got ${args.first}`, 'first')
  }
  try {
    const p = await page<T>(ctx.db, spec, {
      first: args.first,
      after: args.after ?? null,
      orderBy: args.orderBy ?? spec.defaultOrder,
      direction: args.direction ?? OrderDirection.ASC,
      filter,
    })
    ctx.loaders.prime(spec, p.rows)
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
}
