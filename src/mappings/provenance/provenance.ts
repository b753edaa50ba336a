import { In } from 'typeorm'
import * as abi from '../../abi/provenanceRegistry'
import {
  ModelVersion,
  ModelVersionOp,
  RewardAllocation,
  RewardClaim,
  TrainingRun,
  TrainingRunDataset,
  TrainingRunGpu,
} from '../../model'
import type { ContractsConfig } from '../../contracts/roles'
import type { Domain, Handler } from '../shared/domain'
import type { Ctx, Log } from '../shared/types'
import type { Accounts } from '../shared/accounts'
import { Appends, Book } from '../shared/book'
import { type ChainIds, idOn } from '../shared/chain'
import { evidenceOf } from '../shared/evidence'
import { cleanText } from '../shared/labels'
import { type Decoded, type Rejects, decodeEvent } from '../shared/rejects'
import { unixToDate } from '../shared/time'

/**
 * Provenance registry: model versions (with their parent, resolved once it appears), training runs
 * with their dataset-version and GPU references, and contributor reward epochs with their claims.
 *
 * A run's references are stored as the ids they name on the chain they resolve on (the network
 * file's `resolve`, by default this chain), whether or not that item is indexed: the API resolves
 * them when it reads them. So a reference to another chain's GPU resolves once that chain's
 * processor indexes it, in whichever order the two processors get there, and no processor writes
 * another chain's rows (docs/processor.md, "Many chains").
 */
type ProvenanceEvent = Decoded<typeof abi.events>

const OPS = [
  ModelVersionOp.PRETRAIN,
  ModelVersionOp.FINETUNE,
  ModelVersionOp.DISTILL,
  ModelVersionOp.MERGE,
  ModelVersionOp.QUANTIZE,
]
const ZERO32 = `0x${'0'.repeat(64)}`
/** More references than any real run names: refused so one hostile log cannot flood the tables. */
const MAX_REFERENCES = 10_000

export class ProvenanceHandler implements Domain, Handler<ProvenanceEvent> {
  readonly name = 'provenance'
  private readonly modelVersions = new Book(ModelVersion)
  private readonly runs = new Book(TrainingRun)
  private readonly allocations = new Book(RewardAllocation)
  private readonly runDatasets = new Appends<TrainingRunDataset>()
  private readonly runGpus = new Appends<TrainingRunGpu>()
  private readonly claims = new Appends<RewardClaim>()
  private readonly publishedVersions: string[] = []

  constructor(
    private readonly contracts: ContractsConfig,
    private readonly chain: ChainIds,
    private readonly rejects: Rejects,
    private readonly accounts: Accounts,
    /** the chains a run's GPU and dataset-version references name */
    private readonly resolve: { gpusOnChain: number; datasetsOnChain: number },
  ) {}

  route(log: Log) {
    return log.address === this.contracts.provenanceRegistry ? this : undefined
  }

  /** after the batch: parents of model versions that appeared in it */
  settle(ctx: Ctx) {
    return this.resolveParents(ctx)
  }

  decode(log: Log): ProvenanceEvent | undefined {
    const d = decodeEvent(this.rejects, log, abi.events)
    if (!d) return
    const at = new Date(log.block.timestamp)
    switch (d.name) {
      case 'ModelVersionPublished':
        this.modelVersions.want(this.chain.of(d.e.modelVersionId))
        if (d.e.parentVersionId !== ZERO32) this.modelVersions.want(this.chain.of(d.e.parentVersionId))
        break
      case 'TrainingRunAttested':
        this.runs.want(this.chain.of(d.e.runId))
        this.modelVersions.want(this.chain.of(d.e.modelVersionId))
        this.accounts.touch(d.e.attester, at)
        break
      case 'RewardsAllocated':
        this.allocations.want(this.chain.of(d.e.epochId))
        this.modelVersions.want(this.chain.of(d.e.modelVersionId))
        break
      case 'RewardClaimed':
        this.allocations.want(this.chain.of(d.e.epochId))
        this.accounts.touch(d.e.contributor, at)
        break
    }
    return d
  }

  async load(ctx: Ctx) {
    await this.modelVersions.load(ctx)
    await this.runs.load(ctx)
    await this.allocations.load(ctx)
  }

  apply(d: ProvenanceEvent) {
    const ev = evidenceOf(d.log)
    const reject = (reason: string) => this.rejects.add(d.log, reason, d.name)
    switch (d.name) {
      case 'ModelVersionPublished': {
        const e = d.e
        const id = this.chain.of(e.modelVersionId)
        if (this.modelVersions.get(id)) return reject(`model version ${e.modelVersionId} already exists`)
        const op = OPS[e.op]
        if (!op) return reject(`op ${e.op} is not one of 0..4`)
        if (e.parentVersionId === e.modelVersionId) return reject('a model version cannot be its own parent')
        const hasParent = e.parentVersionId !== ZERO32
        const parentId = hasParent ? this.chain.of(e.parentVersionId) : null
        const parent = parentId ? this.modelVersions.get(parentId) : undefined
        this.modelVersions.put(
          new ModelVersion({
            id,
            modelId: e.modelId,
            parentVersionId: parentId,
            parent: parent ?? null,
            parentResolved: !hasParent || parent != null,
            op,
            weightsHash: e.weightsHash,
            uri: cleanText(e.uri),
            ...ev,
          }),
        )
        this.publishedVersions.push(id)
        return
      }
      case 'TrainingRunAttested': {
        const e = d.e
        if (this.runs.get(this.chain.of(e.runId))) return reject(`training run ${e.runId} already exists`)
        if (e.datasetVersionIds.length !== e.weightBps.length) {
          return reject(
            `datasetVersionIds has ${e.datasetVersionIds.length} entries but weightBps has ${e.weightBps.length}`,
          )
        }
        if (e.datasetVersionIds.length > MAX_REFERENCES || e.gpuIds.length > MAX_REFERENCES) {
          return reject(`more than ${MAX_REFERENCES} dataset or GPU references`)
        }
        const modelVersion = this.modelVersions.get(this.chain.of(e.modelVersionId))
        if (!modelVersion) return reject(`model version ${e.modelVersionId} does not exist`)
        const totalWeightBps = e.weightBps.reduce((a, b) => a + b, 0)
        if (e.datasetVersionIds.length && totalWeightBps === 0) return reject('the dataset weights sum to 0')
        const startedAt = unixToDate(e.startedAt)
        const endedAt = unixToDate(e.endedAt)
        if (!startedAt || !endedAt) return reject(`startedAt ${e.startedAt} or endedAt ${e.endedAt} is not a unix time`)
        if (endedAt < startedAt) return reject(`endedAt ${e.endedAt} is before startedAt ${e.startedAt}`)
        const run = this.runs.put(
          new TrainingRun({
            id: this.chain.of(e.runId),
            modelVersion,
            attester: this.accounts.get(e.attester.toLowerCase()),
            startedAt,
            endedAt,
            configHash: e.configHash,
            totalWeightBps,
            ...ev,
          }),
        )
        e.datasetVersionIds.forEach((v, i) => {
          this.runDatasets.push(
            new TrainingRunDataset({
              id: `${run.id}-${i}`,
              run,
              position: i,
              referencedVersionId: idOn(this.resolve.datasetsOnChain, v),
              weightBps: e.weightBps[i],
            }),
          )
        })
        e.gpuIds.forEach((g, i) => {
          this.runGpus.push(
            new TrainingRunGpu({
              id: `${run.id}-${i}`,
              run,
              position: i,
              referencedGpuId: idOn(this.resolve.gpusOnChain, g),
            }),
          )
        })
        return
      }
      case 'RewardsAllocated': {
        const e = d.e
        const id = this.chain.of(e.epochId)
        if (this.allocations.get(id)) return reject(`reward epoch ${e.epochId} already exists`)
        const modelVersion = this.modelVersions.get(this.chain.of(e.modelVersionId))
        if (!modelVersion) return reject(`model version ${e.modelVersionId} does not exist`)
        this.allocations.put(
          new RewardAllocation({
            id,
            epochId: e.epochId,
            modelVersion,
            asset: e.asset.toLowerCase(),
            total: e.total,
            merkleRoot: e.merkleRoot,
            claimed: 0n,
            claimCount: 0,
            ...ev,
          }),
        )
        return
      }
      case 'RewardClaimed': {
        const e = d.e
        const allocation = this.allocations.get(this.chain.of(e.epochId))
        if (!allocation) return reject(`reward epoch ${e.epochId} does not exist`)
        if (allocation.claimed + e.amount > allocation.total) {
          return reject(
            `claims would reach ${allocation.claimed + e.amount}, above the epoch total ${allocation.total}`,
          )
        }
        allocation.claimed += e.amount
        allocation.claimCount++
        this.allocations.put(allocation)
        this.claims.push(
          new RewardClaim({
            id: this.chain.event(d.log),
            allocation,
            contributor: this.accounts.get(e.contributor.toLowerCase()),
            amount: e.amount,
            ...ev,
          }),
        )
        return
      }
    }
  }

  /** Model versions whose parent was unknown when they were stored and has appeared in this batch. */
  private async resolveParents(ctx: Ctx) {
    if (this.publishedVersions.length) {
      const orphans = await ctx.store.findBy(ModelVersion, {
        parentVersionId: In(this.publishedVersions),
        parentResolved: false,
      })
      for (const o of orphans) this.modelVersions.adopt(o)
    }
    for (const mv of this.modelVersions.values()) {
      if (mv.parentResolved || !mv.parentVersionId) continue
      const parent = this.modelVersions.get(mv.parentVersionId)
      if (!parent) continue
      mv.parent = parent
      mv.parentResolved = true
      this.modelVersions.put(mv)
    }
  }

  async save(ctx: Ctx) {
    await this.modelVersions.save(ctx)
    await this.runs.save(ctx)
    await this.runDatasets.save(ctx)
    await this.runGpus.save(ctx)
    await this.allocations.save(ctx)
    await this.claims.save(ctx)
  }
}
