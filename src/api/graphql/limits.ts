import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql'
import { MAX_DEPTH as GRAPH_MAX_DEPTH, MAX_NODES as GRAPH_MAX_NODES } from '../analytics/provenance'
import { bucketMs, bucketStart, type Bucket } from '../sql/time'

/**
 * Limits checked before anything runs (docs/api.md, "Limits"):
 * - the parser stops at MAX_TOKENS, so no document is large enough to make validation slow;
 * - nesting depth, fragment nesting and the size of the document with every fragment expanded;
 * - a cost in which each field's selection is multiplied by how many items it can return, as its
 *   arguments imply: `first`, the bucket count of a series window, a graph walk's maxDepth (all
 *   with variable and schema defaults applied, exactly as execution will see them).
 * Each fragment is costed once per context and the result reused, so the check is linear in the
 * document; fragment chains and fan-outs cannot make the check itself the attack.
 */
export const MAX_TOKENS = 5_000
export const MAX_DEPTH = 12
export const MAX_FRAGMENT_NESTING = 32
/** nesting with introspection levels (type references nest deeply by design) counted too */
const MAX_LEVELS = MAX_DEPTH + 12
export const MAX_EXPANDED_FIELDS = 5_000
export const MAX_COST = 200_000
/** a request costing this much or more runs in the heavy lane: one at a time (server.ts) */
export const HEAVY_COST = 20_000
const LIST_GUESS = 20
const DEFAULT_PAGE = 100
/** a gpuBreakdown over a scope not given as ids: a fleet of this many GPUs */
const FLEET_GUESS = 1_000
/** a graph walk is costed as this many nodes (and edges) per level, up to the walk's own cap */
const GRAPH_NODES_PER_LEVEL = 64
/** an on-chain text field served capped (2 KB) or in full (graphql/text.ts) */
export const TEXT_COST = 2
export const FULL_TEXT_COST = 100

/**
 * What a root field costs beyond its selection: the analytics and graph queries do real work per
 * call, so a request cannot alias hundreds of them. Graph walks cost more the deeper they may go.
 */
const ANALYTICS_COST = 2_000
/** the whole schema, read by `__schema` (about 1,500 types, fields and arguments) */
const INTROSPECTION_COST = 2_000
const rootCost = (name: string, args: Record<string, unknown>): number => {
  switch (name) {
    case 'gpuUtilization':
    case 'gpuYield':
    case 'gpuBreakdown':
    case 'vaultYield':
    case 'modelTokenYield':
    case 'holderRevenue':
    case 'modelUsage':
      return ANALYTICS_COST
    case 'modelAttribution':
      return 5 * ANALYTICS_COST
    case '__schema':
      return INTROSPECTION_COST
    case 'modelLineage':
    case 'dataImpact':
      return ANALYTICS_COST + 250 * graphDepth(args)
    default:
      return 0
  }
}

/** How many items the list fields of a root field's result can hold, from its arguments. */
function impliedSizes(name: string, args: Record<string, unknown>): Record<string, number> | undefined {
  switch (name) {
    case 'gpuUtilization':
    case 'vaultYield':
    case 'modelUsage':
      return { points: seriesLength(args) }
    case 'gpuBreakdown': {
      const ids = (args.scope as { gpuIds?: unknown[] } | undefined)?.gpuIds
      return { [ROWS]: Array.isArray(ids) ? ids.length : FLEET_GUESS }
    }
    case 'modelLineage':
    case 'dataImpact': {
      const n = Math.min(GRAPH_MAX_NODES, GRAPH_NODES_PER_LEVEL * Math.max(1, graphDepth(args)))
      return { nodes: n, edges: n, modelVersions: n }
    }
    case 'modelAttribution':
      return { shares: Math.min(GRAPH_MAX_NODES, FLEET_GUESS) }
    default:
      return undefined
  }
}
/** key of impliedSizes for a root field that is itself a list */
const ROWS = '<rows>'

/** Buckets of a series window; 0 without a bucket (no points). A bad window is the resolver's error. */
function seriesLength(args: Record<string, unknown>): number {
  const bucket = args.bucket as Bucket | null | undefined
  const from = args.from instanceof Date ? args.from.getTime() : NaN
  const to = args.to instanceof Date ? args.to.getTime() : NaN
  if (!bucket || !(to > from)) return 0
  return Math.ceil((to - bucketStart(bucket, from)) / bucketMs(bucket))
}

/** maxDepth capped at the walk's own limit: a larger one gets the resolver's BAD_USER_INPUT. */
function graphDepth(args: Record<string, unknown>): number {
  const d = Number(args.maxDepth ?? 8)
  return Math.min(GRAPH_MAX_DEPTH, Math.max(0, Number.isFinite(d) ? d : 0))
}

export function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } })
}

interface Measure {
  cost: number
  /** deepest nesting of selection sets below this one */
  depth: number
  /** fields with every fragment expanded */
  fields: number
}

export function checkLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getMutationType()
  if (!root) return 0
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d)
  // Variables coerced as execution will coerce them: a default in the operation counts like a given value.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables)
  const vars = coerced.coerced ?? {}
  const memo = new Map<string, Measure>()

  const argsOf = (def: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> => {
    try {
      return getArgumentValues(def, node, vars)
    } catch {
      return {} // a bad argument is reported by execution, with its own message
    }
  }

  const fieldDef = (parent: GraphQLObjectType, name: string) =>
    name === '__schema' && parent === root
      ? SchemaMetaFieldDef
      : name === '__type' && parent === root
        ? TypeMetaFieldDef
        : name === '__typename'
          ? TypeNameMetaFieldDef
          : parent.getFields()[name]

  /**
   * Measures one selection set at `depth` (counted depth, introspection levels excluded) and `level`
   * (every level, from the start of the operation or fragment being measured). Recursion goes one
   * level per nested selection set (at most MAX_LEVELS) or per nested fragment (at most
   * MAX_FRAGMENT_NESTING), so no document can overflow the stack.
   */
  function measure(
    set: SelectionSetNode,
    parent: GraphQLObjectType,
    depth: number,
    level: number,
    nesting: number,
    sizes: Record<string, number> | undefined,
  ): Measure {
    if (depth > MAX_DEPTH || level > MAX_LEVELS) throw tooComplex(`query depth exceeds ${MAX_DEPTH}`)
    if (nesting > MAX_FRAGMENT_NESTING) throw tooComplex(`fragments are nested more than ${MAX_FRAGMENT_NESTING} deep`)
    const m: Measure = { cost: 0, depth: 0, fields: 0 }
    const add = (x: Measure, times: number, extraDepth: number) => {
      m.cost += times * x.cost
      m.fields += x.fields
      m.depth = Math.max(m.depth, x.depth + extraDepth)
      if (m.fields > MAX_EXPANDED_FIELDS)
        throw tooComplex(`the query expands to more than ${MAX_EXPANDED_FIELDS} fields (fragments included)`)
      if (m.cost > MAX_COST) throw tooComplex(`query cost exceeds ${MAX_COST}; ask for fewer items or fields`)
      if (depth + m.depth > MAX_DEPTH) throw tooComplex(`query depth exceeds ${MAX_DEPTH}`)
    }
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const def = fieldDef(parent, s.name.value)
        if (!def) {
          add({ cost: 1, depth: 0, fields: 1 }, 1, 0) // unknown: validation has reported it
          continue
        }
        const args = argsOf(def, s)
        if (!s.selectionSet) {
          // on-chain text has a `full` argument (graphql/text.ts): capped by default, else large
          const capped = def.args.some((a) => a.name === 'full')
          const text = capped ? (args.full === true ? FULL_TEXT_COST : TEXT_COST) : 1
          add({ cost: text, depth: 0, fields: 1 }, 1, 0)
          continue
        }
        const inner = getNamedType(def.type)
        const list = isListType(getNullableType(def.type))
        let times = 1
        if (def.args.some((a) => a.name === 'first')) times = Number(args.first ?? DEFAULT_PAGE)
        else if (sizes && s.name.value in sizes) times = sizes[s.name.value]
        else if (parent === root && list && sizes?.[ROWS] != null) times = sizes[ROWS]
        else if (list) times = LIST_GUESS
        // a connection's edges/nodes are the page already counted at the connection
        if (/Connection$/.test(parent.name) && (s.name.value === 'edges' || s.name.value === 'nodes')) times = 1
        if (!Number.isFinite(times) || times < 0) times = 0
        // Introspection reads the schema in memory: its lists are the schema's size, paid once at the
        // root (`__schema`), and graphql's own MaxIntrospectionDepthRule bounds its nesting. Type
        // references nest deeply by design, so they do not count towards MAX_DEPTH.
        const introspection = inner.name.startsWith('__')
        if (introspection) times = 1
        const below = parent === root ? impliedSizes(s.name.value, args) : undefined
        const child = isObjectType(inner)
          ? measure(s.selectionSet, inner, introspection ? depth : depth + 1, level + 1, nesting, below)
          : { cost: 1, depth: 0, fields: 0 }
        const extra = parent === root ? rootCost(s.name.value, args) : 0
        add(
          {
            cost: 1 + extra + times * child.cost,
            depth: introspection ? 0 : child.depth + 1,
            fields: 1 + child.fields,
          },
          1,
          0,
        )
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const t = s.typeCondition ? schema.getType(s.typeCondition.name.value) : parent
        add(measure(s.selectionSet, isObjectType(t) ? t : parent, depth, level, nesting + 1, sizes), 1, 0)
      } else {
        const f = fragments.get(s.name.value)
        if (!f) continue // unknown: validation has reported it
        // the cost inside a fragment depends only on the fragment and the list sizes it is given
        const key = sizes ? `${f.name.value}|${JSON.stringify(sizes)}` : f.name.value
        let x = memo.get(key)
        if (!x) {
          const t = schema.getType(f.typeCondition.name.value)
          // measured from depth 0: the same fragment spread at any depth has the same relative depth
          x = measure(f.selectionSet, isObjectType(t) ? t : parent, 0, 0, nesting + 1, sizes)
          memo.set(key, x)
        }
        add(x, 1, 0)
      }
    }
    return m
  }
  return measure(operation.selectionSet, root, 1, 0, 0, undefined).cost
}

/**
 * The root fields a request runs, fragments and inline fragments included, for metrics labels.
 * Bounded like the limits: at most `max` names, fragments visited once.
 */
export function rootFieldNames(document: DocumentNode, operation: OperationDefinitionNode, max = 8): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d)
  const names: string[] = []
  const seen = new Set<string>()
  const stack: SelectionSetNode[] = [operation.selectionSet]
  while (stack.length && names.length < max) {
    for (const s of stack.pop()!.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value !== '__typename' && !names.includes(s.name.value)) names.push(s.name.value)
      } else if (s.kind === Kind.INLINE_FRAGMENT) stack.push(s.selectionSet)
      else if (!seen.has(s.name.value) && fragments.has(s.name.value)) {
        seen.add(s.name.value)
        stack.push(fragments.get(s.name.value)!.selectionSet)
      }
    }
  }
  return names
}
