import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql'
import { MAX_DEPTH as GRAPH_MAX_DEPTH } from '../analytics/provenance'

/**
 * Limits checked after parsing and before anything runs: nesting depth, and a cost in which each
 * field's selection is multiplied by how many items it can return: its `first` (with the request's
 * variables), a guess for other lists, 1 for single objects. Depth bombs, alias bombs and fragment
 * fan-outs get QUERY_TOO_COMPLEX (HTTP 400) instead of being executed.
 */
export const MAX_DEPTH = 12
export const MAX_COST = 200_000
const LIST_GUESS = 20
const DEFAULT_PAGE = 100

/**
 * What a root field costs beyond its selection: the analytics and graph queries do real work per
 * call, so a request cannot alias hundreds of them (the soak test's alias bomb of 400 lineage walks
 * used to pass the limit and stall the server). Graph walks cost more the deeper they may go.
 */
const ANALYTICS_COST = 2_000
const ROOT_COSTS: Record<string, (maxDepth: number) => number> = {
  gpuUtilization: () => ANALYTICS_COST,
  gpuYield: () => ANALYTICS_COST,
  gpuBreakdown: () => ANALYTICS_COST,
  vaultYield: () => ANALYTICS_COST,
  modelTokenYield: () => ANALYTICS_COST,
  holderRevenue: () => ANALYTICS_COST,
  modelUsage: () => ANALYTICS_COST,
  modelAttribution: () => 5 * ANALYTICS_COST,
  modelLineage: (d) => ANALYTICS_COST + 250 * d,
  dataImpact: (d) => ANALYTICS_COST + 250 * d,
}
const DEFAULT_MAX_DEPTH = 8

function fail(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } })
}

export function checkLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): void {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d)
  const root = operation.operation === 'query' ? schema.getQueryType() : schema.getMutationType()
  if (!root) return

  function walk(set: SelectionSetNode, parent: GraphQLObjectType, depth: number, seen: Set<string>): number {
    if (depth > MAX_DEPTH) throw fail(`query depth exceeds ${MAX_DEPTH}`)
    let cost = 0
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const def = parent.getFields()[s.name.value]
        if (!s.selectionSet || !def) {
          cost += 1
          continue
        }
        const inner = getNamedType(def.type)
        const firstArg = s.arguments?.find((a) => a.name.value === 'first')
        let mult = isListType(getNullableType(def.type)) ? LIST_GUESS : 1
        if (firstArg) {
          const v = firstArg.value
          mult =
            v.kind === Kind.INT
              ? Number(v.value)
              : v.kind === Kind.VARIABLE
                ? Number(variables[v.name.value] ?? DEFAULT_PAGE)
                : DEFAULT_PAGE
        } else if (def.args.some((a) => a.name === 'first')) {
          mult = DEFAULT_PAGE
        }
        // a connection's edges/nodes are the page already counted at the connection
        if (/Connection$/.test(parent.name) && (s.name.value === 'edges' || s.name.value === 'nodes')) mult = 1
        const child = isObjectType(inner) ? walk(s.selectionSet, inner, depth + 1, seen) : 1
        cost += 1 + Math.max(0, mult) * child
        const rootCost = parent === root ? ROOT_COSTS[s.name.value] : undefined
        if (rootCost) {
          const d = s.arguments?.find((a) => a.name.value === 'maxDepth')?.value
          const maxDepth =
            d?.kind === Kind.INT
              ? Number(d.value)
              : d?.kind === Kind.VARIABLE
                ? Number(variables[d.name.value] ?? DEFAULT_MAX_DEPTH)
                : DEFAULT_MAX_DEPTH
          // capped at the walk's own limit: a larger maxDepth gets the resolver's BAD_USER_INPUT
          cost += rootCost(Math.min(GRAPH_MAX_DEPTH, Math.max(0, maxDepth) || 0))
        }
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const t = s.typeCondition ? schema.getType(s.typeCondition.name.value) : parent
        cost += walk(s.selectionSet, isObjectType(t) ? t : parent, depth, seen)
      } else {
        const f = fragments.get(s.name.value)
        if (!f || seen.has(f.name.value)) continue // unknown or cyclic: graphql's validation reports it
        const t = schema.getType(f.typeCondition.name.value)
        cost += walk(f.selectionSet, isObjectType(t) ? t : parent, depth, new Set([...seen, f.name.value]))
      }
      if (cost > MAX_COST) throw fail(`query cost exceeds ${MAX_COST}; ask for fewer items or fields`)
    }
    return cost
  }
  walk(operation.selectionSet, root, 1, new Set())
}
