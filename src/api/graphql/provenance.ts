import { Arg, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql'
import { attribute } from '../analytics/attribution'
import { parseNodeId } from '../analytics/lineage'
import { GraphTooLarge, impact, lineageGraph, MAX_DEPTH } from '../analytics/provenance'
import { chainOfId, nativeId } from '../../mappings/shared/chain'
import { attributionInputs, type NodeKindName } from '../sql/provenance'
import { ACCOUNT, CONTRIBUTION, DATASET_VERSION, MODEL_VERSION } from '../sql/specs'
import type { TableSpec } from '../sql/tables'
import { CHAIN_ARG, refOf, uniqueRow } from './common/chains'
import { addressArg, AS_OF_ARG, asOfArg, bytes32Arg, nonNegative } from './common/args'
import type { ApiContext } from './common/context'
import { badInput, notFound } from './common/errors'
import { BigIntScalar } from './common/scalars'
import { Evidence } from './common/types'

export enum NodeKind {
  MODEL_VERSION = 'MODEL_VERSION',
  TRAINING_RUN = 'TRAINING_RUN',
  DATASET_VERSION = 'DATASET_VERSION',
  CONTRIBUTION = 'CONTRIBUTION',
  ACCOUNT = 'ACCOUNT',
  GPU = 'GPU',
}
registerEnumType(NodeKind, { name: 'NodeKind', description: 'What a lineage node is' })

export enum EdgeKind {
  FINETUNED_FROM = 'FINETUNED_FROM',
  GENERATED_BY = 'GENERATED_BY',
  TRAINED_ON = 'TRAINED_ON',
  COMPUTED_ON = 'COMPUTED_ON',
  DERIVED_FROM = 'DERIVED_FROM',
  CONTRIBUTED_TO = 'CONTRIBUTED_TO',
  CONTRIBUTED_BY = 'CONTRIBUTED_BY',
  ATTESTED_BY = 'ATTESTED_BY',
  OWNED_BY = 'OWNED_BY',
}
registerEnumType(EdgeKind, {
  name: 'EdgeKind',
  description: 'What a lineage edge says',
  valuesConfig: {
    FINETUNED_FROM: { description: 'model version → parent model version (any op: see `op`)' },
    GENERATED_BY: { description: 'model version → training run' },
    TRAINED_ON: { description: 'training run → dataset version, with weightBps' },
    COMPUTED_ON: { description: 'training run → GPU' },
    DERIVED_FROM: { description: 'dataset version → parent version, with op and inheritBps' },
    CONTRIBUTED_TO: { description: 'contribution → dataset version' },
    CONTRIBUTED_BY: { description: 'contribution → contributor account' },
    ATTESTED_BY: { description: 'training run → attester account' },
    OWNED_BY: { description: "dataset version → the dataset's owner account (evidence: DatasetRegistered)" },
  },
})

@ObjectType({ description: 'A node of a provenance graph' })
export class LineageNode {
  @Field(() => ID, {
    description:
      'typed id, <kind>:<chainId>:<id on its chain>: model:8453:0x…, run:…, dataset:…, contribution:1:7, account:1:0x…, gpu:8453:12',
  })
  id: string
  @Field(() => NodeKind, { description: 'what the node is' })
  kind: NodeKind
  /** served capped (graphql/text.ts, declared in graphql/schema.ts) */
  label: string | null
  @Field(() => Boolean, { description: 'false: referenced on chain but not known to this index' })
  resolved: boolean
  @Field(() => Boolean, { description: 'a revoked contribution (kept: models were trained with it)' })
  revoked: boolean
  @Field(() => Int, { description: 'hops from the root' })
  depth: number
  @Field(() => Evidence, {
    nullable: true,
    description: 'the log that created it (null for accounts and unresolved nodes)',
  })
  evidence: Evidence | null
  @Field(() => Date, { nullable: true, description: 'a training run: when it started (null for other nodes)' })
  startedAt: Date | null
  @Field(() => Date, { nullable: true, description: 'a training run: when it ended (null for other nodes)' })
  endedAt: Date | null
  @Field(() => Date, { nullable: true, description: 'a revoked contribution: block time of its revocation' })
  invalidatedAt: Date | null
  @Field(() => String, { nullable: true, description: 'a revoked contribution: the revoking transaction' })
  invalidatedTxHash: string | null
}

@ObjectType({ description: 'An edge of a provenance graph' })
export class LineageEdge {
  @Field(() => ID, { description: 'typed id of the source node' })
  from: string
  @Field(() => ID, { description: 'typed id of the target node' })
  to: string
  @Field(() => EdgeKind, { description: 'what the edge says' })
  kind: EdgeKind
  @Field(() => String, {
    nullable: true,
    description: 'model op (FINETUNE, DISTILL, …) or derivation op (FILTER, MERGE, …)',
  })
  op: string | null
  @Field(() => Int, { nullable: true, description: 'TRAINED_ON: weight of the dataset in the run' })
  weightBps: number | null
  @Field(() => Int, { nullable: true, description: 'DERIVED_FROM: share passed to the parent' })
  inheritBps: number | null
  @Field(() => Evidence, { nullable: true, description: 'the log that created the edge' })
  evidence: Evidence | null
}

@ObjectType({ description: 'What a model version was made from, to maxDepth hops' })
export class LineageGraph {
  @Field(() => ID, { description: 'typed id of the model version asked for' })
  root: string
  @Field(() => [LineageNode], { description: 'nodes by depth' })
  nodes: LineageNode[]
  @Field(() => [LineageEdge], { description: 'edges between returned nodes' })
  edges: LineageEdge[]
}

@ObjectType({ description: 'A model version reached by an impact walk, with its path' })
export class ImpactedModel {
  @Field(() => ID, { description: 'model version id, 0x-hex' })
  modelVersionId: string
  @Field(() => Int, { description: 'the chain of the model version' })
  chainId: number
  @Field(() => [ID], { description: 'typed node ids from the start to the model (a shortest path)' })
  path: string[]
}

@ObjectType({ description: 'Every model version that depends on a dataset version, a contribution or a contributor' })
export class ImpactReport {
  @Field(() => [ImpactedModel], { description: 'model versions reached, nearest first' })
  modelVersions: ImpactedModel[]
}

@ObjectType({ description: "A contributor's share of a model version" })
export class ContributorShare {
  @Field(() => String, { description: 'contributor address' })
  contributor: string
  @Field(() => Float, { description: 'share of the model version (all shares + unattributed = 1)' })
  share: number
  @Field(() => Int, { description: 'contributions of this contributor that received a share' })
  contributions: number
}

@ObjectType({ description: "A model version's training data attributed to contributors" })
export class AttributionReport {
  @Field(() => ID, { description: 'the model version, 0x-hex' })
  modelVersionId: string
  @Field(() => Int, { description: 'the chain of the model version' })
  chainId: number
  @Field(() => [ContributorShare], { description: 'largest first' })
  shares: ContributorShare[]
  @Field(() => Float, { description: 'share landing on unknown versions or versions without valid contributions' })
  unattributed: number
}

/**
 * The indexed item a provenance argument names: its bytes32 or decimal id (with `chainId` when it
 * exists on several chains), its opaque id (`<chainId>:<id>`), or its typed node id
 * (`<kind>:<chainId>:<id>`, as lineage answers name nodes). NOT_FOUND when it is not indexed.
 */
async function indexed(
  ctx: ApiContext,
  spec: TableSpec,
  kind: NodeKindName,
  value: string,
  chainId: number | null,
  argument: string,
  native: (v: string, argument: string) => string,
  what: string,
): Promise<{ id: string; chainId: number }> {
  const typed = parseNodeId(value)
  if (typed && typed.kind !== kind) throw badInput(`${argument} must name a ${what}, got "${value}"`, argument)
  const ref = await refOf(ctx, typed ? typed.id : value, chainId, argument, native)
  const row = await uniqueRow<{ id: string; chainId: number }>(ctx, spec, ref, what)
  if (!row) throw notFound(`${what} ${ref.shown.toLowerCase()} is not indexed`)
  return row
}

const modelVersionArg = (ctx: ApiContext, value: string, chainId: number | null) =>
  indexed(ctx, MODEL_VERSION, 'model', value, chainId, 'modelVersionId', bytes32Arg, 'model version')

function depthArg(maxDepth: number): number {
  if (maxDepth < 0 || maxDepth > MAX_DEPTH)
    throw badInput(`maxDepth must be between 0 and ${MAX_DEPTH}, got ${maxDepth}`, 'maxDepth')
  return maxDepth
}

async function bounded<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f()
  } catch (e) {
    if (e instanceof GraphTooLarge) throw badInput(e.message, 'maxDepth')
    throw e
  }
}

@Resolver()
export class ProvenanceResolver {
  @Query(() => LineageGraph, {
    description:
      'Upstream lineage of a model version: parents, runs, dataset versions, contributions, accounts and GPUs, each with its evidence. Example: `{ modelLineage(modelVersionId: "0x…", maxDepth: 4) { nodes { id kind resolved revoked } edges { from to kind op weightBps } } }`',
  })
  async modelLineage(
    @Arg('modelVersionId', () => ID) idArg: string,
    @Arg('maxDepth', () => Int, { defaultValue: 8 }) maxDepth: number,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Arg('asOfBlock', () => Int, AS_OF_ARG) asOfBlock: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<LineageGraph> {
    depthArg(maxDepth)
    const model = await modelVersionArg(ctx, idArg, chainId)
    const cut = await asOfArg(ctx, model.chainId, asOfBlock)
    const graph = await bounded(() => lineageGraph(ctx.db, model.id, maxDepth, cut))
    if (!graph) throw notFound(`model version ${nativeId(model.id)} did not exist as of block ${asOfBlock}`)
    return graph as LineageGraph
  }

  @Query(() => ImpactReport, {
    description:
      'Downstream impact: the model versions that depend on a dataset version, a contribution or a contributor (give exactly one), each with its path. Example: `{ dataImpact(contributor: "0x…") { modelVersions { modelVersionId path } } }`',
  })
  async dataImpact(
    @Arg('datasetVersionId', () => ID, { nullable: true }) datasetVersionId: string | null,
    @Arg('contributionId', () => BigIntScalar, { nullable: true }) contributionId: bigint | null,
    @Arg('contributor', () => String, { nullable: true }) contributor: string | null,
    @Arg('maxDepth', () => Int, { defaultValue: 8 }) maxDepth: number,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Arg('asOfBlock', () => Int, AS_OF_ARG) asOfBlock: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<ImpactReport> {
    const given = [datasetVersionId, contributionId, contributor].filter((x) => x != null).length
    if (given !== 1) {
      throw badInput('give exactly one of datasetVersionId, contributionId, contributor', 'datasetVersionId')
    }
    depthArg(maxDepth)
    let start: { kind: 'dataset' | 'contribution' | 'account'; id: string; chainId: number }
    if (datasetVersionId != null) {
      const v = await indexed(
        ctx,
        DATASET_VERSION,
        'dataset',
        datasetVersionId,
        chainId,
        'datasetVersionId',
        bytes32Arg,
        'dataset version',
      )
      start = { kind: 'dataset', id: v.id, chainId: v.chainId }
    } else if (contributionId != null) {
      const id = nonNegative(contributionId, 'contributionId').toString()
      const c = await indexed(
        ctx,
        CONTRIBUTION,
        'contribution',
        id,
        chainId,
        'contributionId',
        (x) => x,
        'contribution',
      )
      start = { kind: 'contribution', id: c.id, chainId: c.chainId }
    } else {
      const a = await indexed(ctx, ACCOUNT, 'account', contributor!, chainId, 'contributor', addressArg, 'account')
      start = { kind: 'account', id: a.id, chainId: a.chainId }
    }
    const cut = await asOfArg(ctx, start.chainId, asOfBlock)
    const models = await bounded(() => impact(ctx.db, start, maxDepth, cut))
    if (!models) throw notFound(`${start.kind} ${nativeId(start.id)} did not exist as of block ${asOfBlock}`)
    return {
      modelVersions: models.map((m) => ({
        ...m,
        modelVersionId: nativeId(m.modelVersionId),
        chainId: chainOfId(m.modelVersionId),
      })),
    }
  }

  @Query(() => AttributionReport, {
    description:
      'Shares of a model version\'s training data per contributor (runs → derivations → contributions). Example: `{ modelAttribution(modelVersionId: "0x…") { shares { contributor share } unattributed } }`',
  })
  async modelAttribution(
    @Arg('modelVersionId', () => ID) idArg: string,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Arg('asOfBlock', () => Int, AS_OF_ARG) asOfBlock: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<AttributionReport> {
    const model = await modelVersionArg(ctx, idArg, chainId)
    const cut = await asOfArg(ctx, model.chainId, asOfBlock)
    const inputs = await attributionInputs(ctx.db, model.id, cut)
    if (!inputs) throw notFound(`model version ${nativeId(model.id)} did not exist as of block ${asOfBlock}`)
    return { modelVersionId: nativeId(model.id), chainId: model.chainId, ...attribute(inputs) }
  }
}
