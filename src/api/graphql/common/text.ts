import { type GraphQLResolveInfo, responsePathAsArray } from 'graphql'
import { Arg, type ClassType, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql'
import type { ApiContext } from './context'

/**
 * On-chain text (token names and symbols, dataset and model URIs, graph labels) is whatever a
 * contract emitted: it may be 200 kB long. Such fields are served capped at TEXT_CAP characters;
 * each cut value is listed in the response's `extensions.truncated` (path and full length), and
 * the field's `full: true` argument serves the whole value (counted as large in the cost limit).
 */
export const TEXT_CAP = 2048

/** the `full` argument of every capped text field (graphql/limits.ts costs fields that have it) */
export const FULL_ARG = {
  defaultValue: false,
  description: `the whole value; without it, text over ${TEXT_CAP} characters is cut (see extensions.truncated)`,
} as const

export interface Truncation {
  path: string
  length: number
}

export function capText(value: string | null, full: boolean, ctx: ApiContext, info: GraphQLResolveInfo): string | null {
  if (value == null || full || value.length <= TEXT_CAP) return value
  ctx.truncated.push({ path: responsePathAsArray(info.path).join('.'), length: value.length })
  // never cut between the two halves of a surrogate pair
  const end = /[\uD800-\uDBFF]/.test(value[TEXT_CAP - 1]) ? TEXT_CAP - 1 : TEXT_CAP
  return value.slice(0, end)
}

/** The resolver of one capped text field `field` of `of`, with its `full` argument. */
export function cappedText<T extends object>(
  of: ClassType<T>,
  field: keyof T & string,
  description: string,
  nullable = false,
): ClassType {
  class CappedTextResolver {}
  // The decorators are applied by hand because type-graphql matches a field resolver to its field
  // by the method's name, which here must be the field's own (one factory, many fields).
  const proto = CappedTextResolver.prototype as Record<string, unknown>
  proto[field] = (row: T, full: boolean, ctx: ApiContext, info: GraphQLResolveInfo) =>
    capText(row[field] as string | null, full, ctx, info)
  Reflect.defineMetadata('design:paramtypes', [Object, Boolean, Object, Object], proto, field)
  Root()(proto, field, 0)
  Arg('full', () => Boolean, FULL_ARG)(proto, field, 1)
  Ctx()(proto, field, 2)
  Info()(proto, field, 3)
  FieldResolver(() => String, { description, nullable })(proto, field, Object.getOwnPropertyDescriptor(proto, field)!)
  Resolver(() => of)(CappedTextResolver)
  return CappedTextResolver
}
