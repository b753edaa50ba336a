import { In } from 'typeorm'
import * as abi from '../../abi/dataRegistry'
import {
  Contribution,
  ContributionKind,
  ContributionWeight,
  Dataset,
  DatasetDerivation,
  DatasetVersion,
  DerivationOp,
  RevocationReason,
} from '../../model'
import type { ContractsConfig } from '../../contracts/roles'
import type { Domain, Handler } from '../shared/domain'
import type { Ctx, Log } from '../shared/types'
import type { Accounts } from '../shared/accounts'
import { Appends, Book, Tallies } from '../shared/book'
import { type ChainIds, nativeId } from '../shared/chain'
import { evidenceOf } from '../shared/evidence'
import { bytes32ToLabel, cleanText } from '../shared/labels'
import { type Decoded, type Rejects, decodeEvent } from '../shared/rejects'
import { DerivationGraph, derivationId } from './graph'

/**
 * Data registry: datasets, versions, derivation edges (a DAG; parents' inheritBps sum to at most 10000
 * per child) and contributions with revocation. Rule breakers are rejected with a reason.
 */
type DataEvent = Decoded<typeof abi.events>

const OPS = [
  DerivationOp.FILTER,
  DerivationOp.DEDUP,
  DerivationOp.LABEL,
  DerivationOp.MERGE,
  DerivationOp.AUGMENT,
  DerivationOp.SYNTHETIC,
]
const KINDS = [ContributionKind.RAW, ContributionKind.LABEL, ContributionKind.REVIEW, ContributionKind.PREFERENCE]
const REASONS = [RevocationReason.QA_FAIL, RevocationReason.CONSENT_WITHDRAWN, RevocationReason.TAKEDOWN]

export class DataRegistryHandler implements Domain, Handler<DataEvent> {
  readonly name = 'data'
  private readonly datasets = new Book(Dataset)
  readonly versions = new Book(DatasetVersion)
  // a revocation takes its weight off the contribution's version and contributor
  private readonly contributions = new Book(Contribution, { version: true, contributor: true })
  private readonly weights = new Tallies(
    ContributionWeight,
    (id, d: Omit<ContributionWeight, 'id' | 'chainId'>) =>
      new ContributionWeight({ id, ...d, weight: 0n, contributions: 0 }),
    (row, d) => {
      row.weight += d.weight
      row.contributions += d.contributions
    },
  )
  private readonly edges = new Appends<DatasetDerivation>()
  private readonly graph = new DerivationGraph()
  /** parents named by this batch's derivations: their ancestry is loaded for the cycle check */
  private readonly parents = new Set<string>()
  /** edges named by this batch: loaded to refuse duplicates */
  private readonly edgeIds = new Set<string>()
  /** dataset versions first published in this batch (late resolution of training-run references) */
  readonly published: string[] = []

  constructor(
    private readonly contracts: ContractsConfig,
    private readonly chain: ChainIds,
    private readonly rejects: Rejects,
    private readonly accounts: Accounts,
  ) {}

  route(log: Log) {
    return log.address === this.contracts.dataRegistry ? this : undefined
  }

  decode(log: Log): DataEvent | undefined {
    const d = decodeEvent(this.rejects, log, abi.events)
    if (!d) return
    const at = new Date(log.block.timestamp)
    switch (d.name) {
      case 'DatasetRegistered':
        this.datasets.want(this.chain.of(d.e.datasetId))
        this.accounts.touch(d.e.owner, at)
        break
      case 'DatasetVersionPublished':
        this.datasets.want(this.chain.of(d.e.datasetId))
        this.versions.want(this.chain.of(d.e.versionId))
        break
      case 'DatasetDerived': {
        const child = this.chain.of(d.e.childVersionId)
        const parent = this.chain.of(d.e.parentVersionId)
        this.versions.want(child)
        this.versions.want(parent)
        this.parents.add(parent)
        this.edgeIds.add(derivationId(child, parent))
        break
      }
      case 'ContributionRecorded':
        this.versions.want(this.chain.of(d.e.versionId))
        this.contributions.want(this.chain.of(d.e.contributionId))
        this.accounts.touch(d.e.contributor, at)
        break
      case 'ContributionRevoked':
        this.contributions.want(this.chain.of(d.e.contributionId))
        break
    }
    return d
  }

  async load(ctx: Ctx) {
    await this.datasets.load(ctx)
    await this.versions.load(ctx)
    await this.contributions.load(ctx)
    if (this.edgeIds.size) {
      for (const r of await ctx.store.findBy(DatasetDerivation, { id: In([...this.edgeIds]) })) this.graph.addId(r.id)
    }
    // Ancestry of every parent named in the batch, one query per generation.
    let frontier = [...this.parents]
    const seen = new Set(frontier)
    while (frontier.length) {
      const rows = await ctx.store.findBy(DatasetDerivation, { child: { id: In(frontier) } })
      frontier = []
      for (const r of rows) {
        const parent = this.graph.addId(r.id)
        if (!seen.has(parent)) {
          seen.add(parent)
          frontier.push(parent)
        }
      }
    }
  }

  apply(d: DataEvent) {
    const ev = evidenceOf(d.log)
    const reject = (reason: string) => this.rejects.add(d.log, reason, d.name)
    switch (d.name) {
      case 'DatasetRegistered': {
        const e = d.e
        if (this.datasets.get(this.chain.of(e.datasetId))) return reject(`dataset ${e.datasetId} is already registered`)
        const license = bytes32ToLabel(e.license)
        if (license == null) return reject(`license ${e.license} is not a right-padded ASCII label`)
        this.datasets.put(
          new Dataset({
            id: this.chain.of(e.datasetId),
            owner: this.accounts.get(e.owner.toLowerCase()),
            license,
            uri: cleanText(e.uri),
            ...ev,
          }),
        )
        return
      }
      case 'DatasetVersionPublished': {
        const e = d.e
        const id = this.chain.of(e.versionId)
        const dataset = this.datasets.get(this.chain.of(e.datasetId))
        if (!dataset) return reject(`dataset ${e.datasetId} is not registered`)
        if (this.versions.get(id)) return reject(`dataset version ${e.versionId} already exists`)
        this.versions.put(
          new DatasetVersion({
            id,
            dataset,
            version: e.version,
            contentRoot: e.contentRoot,
            records: e.records,
            sizeBytes: e.sizeBytes,
            inheritBpsTotal: 0,
            ...ev,
          }),
        )
        this.published.push(id)
        return
      }
      case 'DatasetDerived': {
        const e = d.e
        const child = this.versions.get(this.chain.of(e.childVersionId))
        const parent = this.versions.get(this.chain.of(e.parentVersionId))
        if (!child) return reject(`child version ${e.childVersionId} does not exist`)
        if (!parent) return reject(`parent version ${e.parentVersionId} does not exist`)
        const op = OPS[e.op]
        if (!op) return reject(`op ${e.op} is not one of 0..5`)
        if (child.id === parent.id) return reject('a version cannot derive from itself')
        if (this.graph.has(child.id, parent.id)) return reject('this derivation edge already exists')
        if (child.inheritBpsTotal + e.inheritBps > 10000) {
          return reject(
            `inheritBps of ${e.childVersionId} would sum to ${child.inheritBpsTotal + e.inheritBps} > 10000`,
          )
        }
        if (this.graph.reaches(parent.id, child.id)) return reject('this edge would close a derivation cycle')
        child.inheritBpsTotal += e.inheritBps
        this.versions.put(child)
        this.graph.add(child.id, parent.id)
        this.edges.push(
          new DatasetDerivation({
            id: derivationId(child.id, parent.id),
            child,
            parent,
            op,
            inheritBps: e.inheritBps,
            ...ev,
          }),
        )
        return
      }
      case 'ContributionRecorded': {
        const e = d.e
        const id = this.chain.of(e.contributionId)
        const version = this.versions.get(this.chain.of(e.versionId))
        if (!version) return reject(`dataset version ${e.versionId} does not exist`)
        if (this.contributions.get(id)) return reject(`contribution ${e.contributionId} already exists`)
        const kind = KINDS[e.kind]
        if (!kind) return reject(`kind ${e.kind} is not one of 0..3`)
        if (e.qualityBps > 10000) return reject(`qualityBps ${e.qualityBps} > 10000`)
        this.contributions.put(
          new Contribution({
            id,
            contributionId: e.contributionId,
            version,
            contributor: this.accounts.get(e.contributor.toLowerCase()),
            kind,
            itemsRoot: e.itemsRoot,
            items: e.items,
            qualityBps: e.qualityBps,
            revoked: false,
            revokedReason: null,
            revokedAt: null,
            revokedBlock: null,
            revokedTxHash: null,
            ...ev,
          }),
        )
        this.weigh(version.id, e.contributor.toLowerCase(), BigInt(e.items) * BigInt(e.qualityBps), 1)
        return
      }
      case 'ContributionRevoked': {
        const e = d.e
        const c = this.contributions.get(this.chain.of(e.contributionId))
        if (!c) return reject(`contribution ${e.contributionId} does not exist`)
        if (c.revoked) return reject(`contribution ${e.contributionId} is already revoked`)
        const reason = REASONS[e.reason]
        if (!reason) return reject(`reason ${e.reason} is not one of 0..2`)
        c.revoked = true
        c.revokedReason = reason
        c.revokedAt = ev.blockTime
        c.revokedBlock = ev.blockNumber
        c.revokedTxHash = ev.txHash
        this.contributions.put(c)
        this.weigh(c.version.id, nativeId(c.contributor.id), -BigInt(c.items) * BigInt(c.qualityBps), -1)
        return
      }
    }
  }

  private weigh(versionId: string, contributor: string, weight: bigint, contributions: number) {
    const d = this.weights.change(`${versionId}|${contributor}`, () => ({
      versionId,
      contributor,
      weight: 0n,
      contributions: 0,
    }))
    d.weight += weight
    d.contributions += contributions
  }

  async save(ctx: Ctx) {
    await this.datasets.save(ctx)
    await this.versions.save(ctx)
    await this.edges.save(ctx)
    await this.contributions.save(ctx)
    await this.weights.save(ctx)
  }
}
