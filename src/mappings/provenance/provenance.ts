import { In } from 'typeorm'
import * as abi from '../../abi/provenanceRegistry'
import {
  type DatasetVersion,
  type Gpu,
  ModelVersion,
  ModelVersionOp,
  RewardAllocation,
  RewardClaim,
  TrainingRun,
  TrainingRunDataset,
  TrainingRunGpu,
} from '../../model'
import type { ContractsConfig } from '../../contracts/roles'
import type { DataRegistryHandler } from '../data/registry'
import type { GpuDomain } from '../gpu'
import type { Domain, Handler } from '../shared/domain'
import type { Ctx, Log } from '../shared/types'
import type { Accounts } from '../shared/accounts'
import { Appends, Book } from '../shared/book'
import { evidenceOf, eventId } from '../shared/evidence'
import { cleanText } from '../shared/labels'
import { type Decoded, type Rejects, decodeEvent } from '../shared/rejects'
import { unixToDate } from '../shared/time'

/**
 * Provenance registry: model versions (with their parent), training runs with their dataset-version
 * and GPU references (unknown ones kept, flagged unresolved, and resolved once they appear), and
 * contributor reward epochs with their claims.
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
  private readonly runDatasets = new Book(TrainingRunDataset)
  private readonly runGpus = new Book(TrainingRunGpu)
  private readonly claims = new Appends<RewardClaim>()
  private readonly publishedVersions: string[] = []

  private readonly datasetVersions: Book<DatasetVersion>
  private readonly gpus: Book<Gpu>

  /** references resolve against the GPU and data domains of the same batch */
  constructor(
    private readonly contracts: ContractsConfig,
    private readonly rejects: Rejects,
    private readonly accounts: Accounts,
    private readonly gpu: GpuDomain,
    private readonly data: DataRegistryHandler,
  ) {
    this.datasetVersions = data.versions
    this.gpus = gpu.gpus
  }

  route(log: Log) {
    return log.address === this.contracts.provenanceRegistry ? this : undefined
  }

  /** after the batch: references to dataset versions and GPUs that appeared in it */
  settle(ctx: Ctx) {
    return this.resolveLate(ctx, this.data.published, this.gpu.registry.registered)
  }

  decode(log: Log): ProvenanceEvent | undefined {
    const d = decodeEvent(this.rejects, log, abi.events)
    if (!d) return
    const at = new Date(log.block.timestamp)
    switch (d.name) {
      case 'ModelVersionPublished':
        this.modelVersions.want(d.e.modelVersionId)
        if (d.e.parentVersionId !== ZERO32) this.modelVersions.want(d.e.parentVersionId)
        break
      case 'TrainingRunAttested':
        this.runs.want(d.e.runId)
        this.modelVersions.want(d.e.modelVersionId)
        this.accounts.touch(d.e.attester, at)
        if (d.e.datasetVersionIds.length <= MAX_REFERENCES && d.e.gpuIds.length <= MAX_REFERENCES) {
          for (const v of d.e.datasetVersionIds) this.datasetVersions.want(v)
          for (const g of d.e.gpuIds) this.gpus.want(g)
        }
        break
      case 'RewardsAllocated':
        this.allocations.want(d.e.epochId)
        this.modelVersions.want(d.e.modelVersionId)
        break
      case 'RewardClaimed':
        this.allocations.want(d.e.epochId)
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
        if (this.modelVersions.get(e.modelVersionId)) return reject(`model version ${e.modelVersionId} already exists`)
        const op = OPS[e.op]
        if (!op) return reject(`op ${e.op} is not one of 0..4`)
        if (e.parentVersionId === e.modelVersionId) return reject('a model version cannot be its own parent')
        const hasParent = e.parentVersionId !== ZERO32
        const parent = hasParent ? this.modelVersions.get(e.parentVersionId) : undefined
        this.modelVersions.put(
          new ModelVersion({
            id: e.modelVersionId,
            modelId: e.modelId,
            parentVersionId: hasParent ? e.parentVersionId : null,
            parent: parent ?? null,
            parentResolved: !hasParent || parent != null,
            op,
            weightsHash: e.weightsHash,
            uri: cleanText(e.uri),
            ...ev,
          }),
        )
        this.publishedVersions.push(e.modelVersionId)
        return
      }
      case 'TrainingRunAttested': {
        const e = d.e
        if (this.runs.get(e.runId)) return reject(`training run ${e.runId} already exists`)
        if (e.datasetVersionIds.length !== e.weightBps.length) {
          return reject(
            `datasetVersionIds has ${e.datasetVersionIds.length} entries but weightBps has ${e.weightBps.length}`,
          )
        }
        if (e.datasetVersionIds.length > MAX_REFERENCES || e.gpuIds.length > MAX_REFERENCES) {
          return reject(`more than ${MAX_REFERENCES} dataset or GPU references`)
        }
        const modelVersion = this.modelVersions.get(e.modelVersionId)
        if (!modelVersion) return reject(`model version ${e.modelVersionId} does not exist`)
        const totalWeightBps = e.weightBps.reduce((a, b) => a + b, 0)
        if (e.datasetVersionIds.length && totalWeightBps === 0) return reject('the dataset weights sum to 0')
        const startedAt = unixToDate(e.startedAt)
        const endedAt = unixToDate(e.endedAt)
        if (!startedAt || !endedAt) return reject(`startedAt ${e.startedAt} or endedAt ${e.endedAt} is not a unix time`)
        if (endedAt < startedAt) return reject(`endedAt ${e.endedAt} is before startedAt ${e.startedAt}`)
        const run = this.runs.put(
          new TrainingRun({
            id: e.runId,
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
          const version = this.datasetVersions.get(v)
          this.runDatasets.put(
            new TrainingRunDataset({
              id: `${run.id}-${i}`,
              run,
              position: i,
              referencedVersionId: v,
              datasetVersion: version ?? null,
              resolved: version != null,
              weightBps: e.weightBps[i],
            }),
          )
        })
        e.gpuIds.forEach((g, i) => {
          const gpu = this.gpus.get(g)
          this.runGpus.put(
            new TrainingRunGpu({
              id: `${run.id}-${i}`,
              run,
              position: i,
              referencedGpuId: g,
              gpu: gpu ?? null,
              resolved: gpu != null,
            }),
          )
        })
        return
      }
      case 'RewardsAllocated': {
        const e = d.e
        const id = e.epochId.toString()
        if (this.allocations.get(id)) return reject(`reward epoch ${id} already exists`)
        const modelVersion = this.modelVersions.get(e.modelVersionId)
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
        const allocation = this.allocations.get(e.epochId)
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
            id: eventId(d.log),
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

  /**
   * References that were unknown when their run (or child model version) was stored and have appeared
   * since, in this batch: resolved now, in memory and in the database (one query per reference type).
   */
  private async resolveLate(ctx: Ctx, datasetVersionIds: string[], gpuIds: string[]) {
    const fix = <T extends { resolved: boolean }>(
      rows: Iterable<T>,
      target: (r: T) => unknown,
      set: (r: T) => void,
    ) => {
      for (const r of rows) if (!r.resolved && target(r)) set(r)
    }
    const dsNew = new Set(datasetVersionIds)
    const gpuNew = new Set(gpuIds)
    if (dsNew.size) {
      await this.runDatasets.loadWhere(ctx, { referencedVersionId: In([...dsNew]), resolved: false })
    }
    if (gpuNew.size)
      await this.runGpus.loadWhere(ctx, { referencedGpuId: In([...gpuNew].map(BigInt)), resolved: false })
    fix(
      this.runDatasets.values(),
      (r) => this.datasetVersions.get(r.referencedVersionId),
      (r) => {
        r.datasetVersion = this.datasetVersions.get(r.referencedVersionId)!
        r.resolved = true
        this.runDatasets.put(r)
      },
    )
    fix(
      this.runGpus.values(),
      (r) => this.gpus.get(r.referencedGpuId),
      (r) => {
        r.gpu = this.gpus.get(r.referencedGpuId)!
        r.resolved = true
        this.runGpus.put(r)
      },
    )
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
