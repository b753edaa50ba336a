import type { WhereInput } from '../../sql/where'
import { whereInput } from '../common/where'
import type { GraphQLResolveInfo } from 'graphql'
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Info,
  InputType,
  ObjectType,
  Query,
  Resolver,
  Root,
  Int,
} from 'type-graphql'
import { ratio } from '../../analytics/rates'
import { runGpuUsage } from '../../sql/runUsage'
import {
  ACCOUNT,
  CONTRIBUTION,
  DATASET,
  DATASET_VERSION,
  DERIVATION,
  GPU,
  MODEL_VERSION,
  RUN_DATASET,
  RUN_GPU,
  TRAINING_RUN,
} from '../../sql/specs'
import { addressArg, bytes32Arg, decimalId } from '../common/args'
import { CHAIN_ARG, lookup } from '../common/chains'
import type { ApiContext } from '../common/context'
import { BigIntScalar } from '../common/scalars'
import { connectionOf, listPage, orderEnum, PageArgs, ref } from './common'
import {
  Account,
  Contribution,
  Dataset,
  DatasetDerivation,
  DatasetVersion,
  Gpu,
  ModelVersion,
  TrainingRun,
  TrainingRunDataset,
  TrainingRunGpu,
  UsageRecord,
} from './types'

/** Datasets, contributions, model versions and training runs: the provenance side. */
const DatasetConnection = connectionOf('Dataset', Dataset)
const DatasetVersionConnection = connectionOf('DatasetVersion', DatasetVersion)
const ContributionConnection = connectionOf('Contribution', Contribution)
const ModelVersionConnection = connectionOf('ModelVersion', ModelVersion)
const TrainingRunConnection = connectionOf('TrainingRun', TrainingRun)
const DatasetOrder = orderEnum('DatasetOrder', DATASET)
const DatasetVersionOrder = orderEnum('DatasetVersionOrder', DATASET_VERSION)
const ContributionOrder = orderEnum('ContributionOrder', CONTRIBUTION)
const ModelVersionOrder = orderEnum('ModelVersionOrder', MODEL_VERSION)
const TrainingRunOrder = orderEnum('TrainingRunOrder', TRAINING_RUN)

@InputType({ description: 'Dataset filters' })
class DatasetFilter {
  @Field(() => String, { nullable: true, description: 'owner address' })
  owner?: string | null
}

@InputType({ description: 'Dataset version filters' })
class DatasetVersionFilter {
  @Field(() => ID, { nullable: true, description: 'versions of this datasetId' })
  dataset?: string | null
}

@InputType({ description: 'Contribution filters; all given must match' })
class ContributionFilter {
  @Field(() => ID, { nullable: true, description: 'dataset version id' })
  version?: string | null
  @Field(() => String, { nullable: true, description: 'contributor address' })
  contributor?: string | null
  @Field(() => Boolean, { nullable: true, description: 'true: only revoked; false: only valid' })
  revoked?: boolean | null
}

@InputType({ description: 'Model version filters; all given must match' })
class ModelVersionFilter {
  @Field(() => BigIntScalar, { nullable: true, description: 'versions of this model id' })
  modelId?: bigint | null
  @Field(() => ID, { nullable: true, description: 'children of this parent version id' })
  parent?: string | null
}

@InputType({ description: 'Training run filters; all given must match' })
class TrainingRunFilter {
  @Field(() => ID, { nullable: true, description: 'runs of this model version' })
  modelVersion?: string | null
  @Field(() => String, { nullable: true, description: 'attester address' })
  attester?: string | null
}

const DatasetWhere = whereInput('DatasetWhere', DATASET)
const DatasetVersionWhere = whereInput('DatasetVersionWhere', DATASET_VERSION)
const ContributionWhere = whereInput('ContributionWhere', CONTRIBUTION)
const ModelVersionWhere = whereInput('ModelVersionWhere', MODEL_VERSION)
const TrainingRunWhere = whereInput('TrainingRunWhere', TRAINING_RUN)

@Resolver(() => Dataset)
export class DatasetResolver {
  @Query(() => Dataset, { nullable: true, description: 'One dataset by datasetId' })
  dataset(
    @Arg('id', () => ID) id: string,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Ctx() ctx: ApiContext,
  ) {
    return lookup(ctx, DATASET, id, chainId, 'id', bytes32Arg, 'dataset')
  }

  @Query(() => DatasetConnection, {
    description: 'Datasets. Example: `{ datasets { nodes { id license versions { version records } } } }`',
  })
  datasets(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => DatasetOrder, { nullable: true }) orderBy: string | null,
    @Arg('filter', () => DatasetFilter, { nullable: true }) filter: DatasetFilter | null,
    @Arg('where', () => DatasetWhere, {
      nullable: true,
      description: 'conditions with AND / OR / NOT (docs/api.md, "Filtering lists")',
    })
    where: WhereInput | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: ApiContext,
  ) {
    return listPage(ctx, info, DATASET, { ...page, orderBy }, { owner: ref(filter?.owner, addressArg) }, where)
  }

  @FieldResolver(() => Account, { description: 'account that registered it' })
  owner(@Root() d: Dataset, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(ACCOUNT, d.ownerId)
  }
  @FieldResolver(() => [DatasetVersion], { description: 'published versions, in chain order' })
  versions(@Root() d: Dataset, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(DATASET_VERSION, 'dataset_id', d.id)
  }
}

@Resolver(() => DatasetVersion)
export class DatasetVersionResolver {
  @Query(() => DatasetVersion, { nullable: true, description: 'One dataset version by versionId' })
  datasetVersion(
    @Arg('id', () => ID) id: string,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Ctx() ctx: ApiContext,
  ) {
    return lookup(ctx, DATASET_VERSION, id, chainId, 'id', bytes32Arg, 'dataset version')
  }

  @Query(() => DatasetVersionConnection, {
    description:
      'Dataset versions. Example: `{ datasetVersions(filter: { dataset: "0x…" }) { nodes { version parents { op inheritBps } } } }`',
  })
  datasetVersions(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => DatasetVersionOrder, { nullable: true }) orderBy: string | null,
    @Arg('filter', () => DatasetVersionFilter, { nullable: true }) filter: DatasetVersionFilter | null,
    @Arg('where', () => DatasetVersionWhere, {
      nullable: true,
      description: 'conditions with AND / OR / NOT (docs/api.md, "Filtering lists")',
    })
    where: WhereInput | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: ApiContext,
  ) {
    return listPage(
      ctx,
      info,
      DATASET_VERSION,
      { ...page, orderBy },
      { dataset: ref(filter?.dataset, bytes32Arg) },
      where,
    )
  }

  @FieldResolver(() => Dataset, { description: 'the dataset' })
  dataset(@Root() v: DatasetVersion, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(DATASET, v.datasetId)
  }
  @FieldResolver(() => [DatasetDerivation], { description: 'edges to the versions it was derived from' })
  parents(@Root() v: DatasetVersion, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(DERIVATION, 'child_id', v.id)
  }
  @FieldResolver(() => [DatasetDerivation], { description: 'edges from the versions derived from it' })
  children(@Root() v: DatasetVersion, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(DERIVATION, 'parent_id', v.id)
  }
  @FieldResolver(() => [Contribution], { description: 'contributions recorded to it (revoked included)' })
  contributions(@Root() v: DatasetVersion, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(CONTRIBUTION, 'version_id', v.id)
  }
}

@Resolver(() => DatasetDerivation)
export class DerivationResolver {
  @FieldResolver(() => DatasetVersion, { description: 'the derived version' })
  child(@Root() e: DatasetDerivation, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(DATASET_VERSION, e.childId)
  }
  @FieldResolver(() => DatasetVersion, { description: 'the version it was derived from' })
  parent(@Root() e: DatasetDerivation, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(DATASET_VERSION, e.parentId)
  }
}

@Resolver(() => Contribution)
export class ContributionResolver {
  @Query(() => Contribution, { nullable: true, description: 'One contribution by contributionId (decimal)' })
  contribution(
    @Arg('id', () => ID) id: string,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Ctx() ctx: ApiContext,
  ) {
    return lookup(ctx, CONTRIBUTION, id, chainId, 'id', decimalId, 'contribution')
  }

  @Query(() => ContributionConnection, {
    description:
      'Contributions. Example: `{ contributions(filter: { contributor: "0x…", revoked: false }) { totalCount nodes { items qualityBps version { id } } } }`',
  })
  contributions(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => ContributionOrder, { nullable: true }) orderBy: string | null,
    @Arg('filter', () => ContributionFilter, { nullable: true }) filter: ContributionFilter | null,
    @Arg('where', () => ContributionWhere, {
      nullable: true,
      description: 'conditions with AND / OR / NOT (docs/api.md, "Filtering lists")',
    })
    where: WhereInput | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: ApiContext,
  ) {
    return listPage(
      ctx,
      info,
      CONTRIBUTION,
      { ...page, orderBy },
      {
        version: ref(filter?.version, bytes32Arg),
        contributor: ref(filter?.contributor, addressArg),
        revoked: filter?.revoked,
      },
      where,
    )
  }

  @FieldResolver(() => DatasetVersion, { description: 'the dataset version' })
  version(@Root() c: Contribution, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(DATASET_VERSION, c.versionId)
  }
  @FieldResolver(() => Account, { description: 'the contributor' })
  contributor(@Root() c: Contribution, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(ACCOUNT, c.contributorId)
  }
}

@Resolver(() => ModelVersion)
export class ModelVersionResolver {
  @Query(() => ModelVersion, { nullable: true, description: 'One model version by modelVersionId' })
  modelVersion(
    @Arg('id', () => ID) id: string,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Ctx() ctx: ApiContext,
  ) {
    return lookup(ctx, MODEL_VERSION, id, chainId, 'id', bytes32Arg, 'model version')
  }

  @Query(() => ModelVersionConnection, {
    description:
      'Model versions. Example: `{ modelVersions(filter: { modelId: "1" }) { nodes { id op parent { id } runs { id } } } }`',
  })
  modelVersions(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => ModelVersionOrder, { nullable: true }) orderBy: string | null,
    @Arg('filter', () => ModelVersionFilter, { nullable: true }) filter: ModelVersionFilter | null,
    @Arg('where', () => ModelVersionWhere, {
      nullable: true,
      description: 'conditions with AND / OR / NOT (docs/api.md, "Filtering lists")',
    })
    where: WhereInput | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: ApiContext,
  ) {
    return listPage(
      ctx,
      info,
      MODEL_VERSION,
      { ...page, orderBy },
      {
        modelId: filter?.modelId == null ? null : filter.modelId.toString(),
        parent: ref(filter?.parent, bytes32Arg),
      },
      where,
    )
  }

  @FieldResolver(() => ModelVersion, { nullable: true, description: 'the parent, when indexed' })
  parent(@Root() m: ModelVersion, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(MODEL_VERSION, m.parentId)
  }
  @FieldResolver(() => [TrainingRun], { description: 'training runs attested for it' })
  runs(@Root() m: ModelVersion, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(TRAINING_RUN, 'model_version_id', m.id)
  }
}

@Resolver(() => TrainingRun)
export class TrainingRunResolver {
  @Query(() => TrainingRun, { nullable: true, description: 'One training run by runId' })
  trainingRun(
    @Arg('id', () => ID) id: string,
    @Arg('chainId', () => Int, CHAIN_ARG) chainId: number | null,
    @Ctx() ctx: ApiContext,
  ) {
    return lookup(ctx, TRAINING_RUN, id, chainId, 'id', bytes32Arg, 'training run')
  }

  @Query(() => TrainingRunConnection, {
    description:
      'Training runs. Example: `{ trainingRuns { nodes { id datasets { referencedVersionId resolved weightBps } gpus { referencedGpuId resolved } } } }`',
  })
  trainingRuns(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('orderBy', () => TrainingRunOrder, { nullable: true }) orderBy: string | null,
    @Arg('filter', () => TrainingRunFilter, { nullable: true }) filter: TrainingRunFilter | null,
    @Arg('where', () => TrainingRunWhere, {
      nullable: true,
      description: 'conditions with AND / OR / NOT (docs/api.md, "Filtering lists")',
    })
    where: WhereInput | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: ApiContext,
  ) {
    return listPage(
      ctx,
      info,
      TRAINING_RUN,
      { ...page, orderBy },
      {
        modelVersion: ref(filter?.modelVersion, bytes32Arg),
        attester: ref(filter?.attester, addressArg),
      },
      where,
    )
  }

  @FieldResolver(() => ModelVersion, { description: 'the model version it produced' })
  modelVersion(@Root() r: TrainingRun, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(MODEL_VERSION, r.modelVersionId)
  }
  @FieldResolver(() => Account, { description: 'account that attested it' })
  attester(@Root() r: TrainingRun, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(ACCOUNT, r.attesterId)
  }
  @FieldResolver(() => [TrainingRunDataset], { description: 'dataset versions used, in attested order' })
  datasets(@Root() r: TrainingRun, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(RUN_DATASET, 'run_id', r.id)
  }
  @FieldResolver(() => [TrainingRunGpu], { description: 'GPUs used, in attested order' })
  gpus(@Root() r: TrainingRun, @Ctx() ctx: ApiContext) {
    return ctx.loaders.many(RUN_GPU, 'run_id', r.id)
  }
}

@Resolver(() => TrainingRunDataset)
export class TrainingRunDatasetResolver {
  @FieldResolver(() => DatasetVersion, { nullable: true, description: 'null when unresolved' })
  datasetVersion(@Root() d: TrainingRunDataset, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(DATASET_VERSION, d.datasetVersionId)
  }

  @FieldResolver(() => Boolean, { description: 'whether the chain it names has indexed that version' })
  async resolved(@Root() d: TrainingRunDataset, @Ctx() ctx: ApiContext) {
    return (await ctx.loaders.one(DATASET_VERSION, d.datasetVersionId)) != null
  }
}

@ObjectType({ description: "What a run's GPU reported while the run ran: its usage records in [startedAt, endedAt)" })
export class RunGpuUsage {
  @Field(() => BigIntScalar, { description: 'Σ availableSec of the records' })
  availableSec: bigint
  @Field(() => BigIntScalar, { description: 'Σ rentedSec of the records' })
  rentedSec: bigint
  @Field(() => Float, { nullable: true, description: 'rentedSec / availableSec; null when nothing was available' })
  utilization: number | null
  @Field(() => BigIntScalar, { description: 'Σ gross revenue the records reported, in asset base units' })
  grossRevenue: bigint
  @Field(() => BigIntScalar, { description: "Σ net paid to the GPU's owner for those epochs (RevenueDistributed)" })
  net: bigint
  @Field(() => String, { nullable: true, description: 'the revenue asset; null without records' })
  asset: string | null
  @Field(() => [UsageRecord], { description: 'the usage records, by epoch start, each with its evidence' })
  records: UsageRecord[]
}

@Resolver(() => TrainingRunGpu)
export class TrainingRunGpuResolver {
  @FieldResolver(() => Gpu, { nullable: true, description: 'null when unresolved' })
  gpu(@Root() g: TrainingRunGpu, @Ctx() ctx: ApiContext) {
    return ctx.loaders.one(GPU, g.gpuId)
  }

  @FieldResolver(() => Boolean, { description: 'whether the chain it names has indexed that GPU' })
  async resolved(@Root() g: TrainingRunGpu, @Ctx() ctx: ApiContext) {
    return (await ctx.loaders.one(GPU, g.gpuId)) != null
  }

  @FieldResolver(() => RunGpuUsage, {
    description:
      "the compute it did for the run: its usage records with epochStart in the run's [startedAt, endedAt), with evidence (empty when unresolved)",
  })
  async usage(@Root() g: TrainingRunGpu, @Ctx() ctx: ApiContext): Promise<RunGpuUsage> {
    const records = await ctx.loaders.custom('runGpuUsage', (ids) => runGpuUsage(ctx.db, ids)).load(g.id)
    const sum = (k: string) => records.reduce((a: bigint, r: any) => a + BigInt(r[k]), 0n)
    const availableSec = sum('availableSec')
    const rentedSec = sum('rentedSec')
    return {
      availableSec,
      rentedSec,
      utilization: ratio(rentedSec, availableSec),
      grossRevenue: sum('grossRevenue'),
      net: sum('net'),
      asset: records[0]?.asset ?? null,
      records,
    }
  }
}
