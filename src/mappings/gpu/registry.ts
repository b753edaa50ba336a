import * as abi from '../../abi/gpuRegistry'
import { Gpu, GpuStatus, GpuStatusChange, GpuTransfer, GpuValuation } from '../../model'
import type { Ctx, Log } from '../shared/types'
import type { Accounts } from '../shared/accounts'
import { ZERO_ADDRESS } from '../shared/address'
import type { ChainIds } from '../shared/chain'
import { evidenceOf } from '../shared/evidence'
import { bytes32ToLabel } from '../shared/labels'
import { type Decoded, type Rejects, decodeEvent } from '../shared/rejects'
import { Appends, type Book } from '../shared/book'
import { ScopeValuations } from './valuations'

/**
 * GPU registry (ERC-721): registrations, owner transfers, status changes and revaluations.
 * decode all logs -> prefetch GPUs in one query -> apply in chain order in memory -> write once per table.
 */

const STATUSES = [GpuStatus.ACTIVE, GpuStatus.MAINTENANCE, GpuStatus.OFFLINE, GpuStatus.RETIRED]

type GpuRegistryEvent = Decoded<typeof abi.events>

export class GpuRegistryHandler {
  private readonly transfers = new Appends<GpuTransfer>()
  private readonly valuations = new Appends<GpuValuation>()
  private readonly statusChanges = new Appends<GpuStatusChange>()
  private readonly scopeValuations: ScopeValuations

  // A mint Transfer may precede GpuRegistered in its transaction: held until the registration.
  private readonly pendingMints = new Map<string, { log: Log; to: string }>()

  constructor(
    private readonly chain: ChainIds,
    private readonly rejects: Rejects,
    private readonly accounts: Accounts,
    private readonly gpus: Book<Gpu>,
  ) {
    this.scopeValuations = new ScopeValuations(chain)
  }

  /** Phase 1: decode (no database); notes what to prefetch. */
  decode(log: Log): GpuRegistryEvent | undefined {
    const d = decodeEvent(this.rejects, log, abi.events)
    if (!d) return
    const at = new Date(log.block.timestamp)
    if (d.name === 'GpuRegistered') this.accounts.touch(d.e.operator, at)
    if (d.name === 'Transfer') this.accounts.touch(d.e.to, at)
    this.gpus.want(this.chain.of(d.name === 'Transfer' ? d.e.tokenId : d.e.gpuId))
    return d
  }

  /** Phase 3: apply one event, in chain order, in memory. */
  apply(d: GpuRegistryEvent) {
    const pendingMints = this.pendingMints
    const ev = evidenceOf(d.log)
    if (d.name === 'GpuRegistered') {
      const id = this.chain.of(d.e.gpuId)
      if (this.gpus.get(id)) {
        this.rejects.add(d.log, `GPU ${d.e.gpuId} is already registered`, 'GpuRegistered')
        return
      }
      const sku = bytes32ToLabel(d.e.sku)
      const region = bytes32ToLabel(d.e.region)
      if (sku == null || region == null) {
        const which = sku == null ? `sku ${d.e.sku}` : `region ${d.e.region}`
        this.rejects.add(d.log, `${which} is not a right-padded ASCII label`, 'GpuRegistered')
        return
      }
      const mint = pendingMints.get(id)
      const gpu = new Gpu({
        id,
        gpuId: d.e.gpuId,
        registry: d.log.address,
        owner: mint ? this.accounts.get(mint.to) : null,
        operator: this.accounts.get(d.e.operator.toLowerCase()),
        sku,
        region,
        status: GpuStatus.ACTIVE,
        valuation: d.e.valuation,
        valuationAsset: d.e.valuationAsset.toLowerCase(),
        registeredAt: ev.blockTime,
        registeredBlock: ev.blockNumber,
        txHash: ev.txHash,
        logIndex: ev.logIndex,
      })
      this.gpus.put(gpu)
      this.valuations.push(new GpuValuation({ id: this.chain.event(d.log), gpu, valuation: d.e.valuation, ...ev }))
      this.scopeValuations.add(gpu, d.e.valuation, 1, ev)
      if (mint) {
        pendingMints.delete(id)
        this.transfers.push(
          new GpuTransfer({
            id: this.chain.event(mint.log),
            gpu,
            from: ZERO_ADDRESS,
            to: this.accounts.get(mint.to),
            ...evidenceOf(mint.log),
          }),
        )
      }
      return
    }
    if (d.name === 'Transfer') {
      const id = this.chain.of(d.e.tokenId)
      const to = d.e.to.toLowerCase()
      const gpu = this.gpus.get(id)
      if (!gpu) {
        if (d.e.from.toLowerCase() === ZERO_ADDRESS) pendingMints.set(id, { log: d.log, to })
        else this.rejects.add(d.log, `transfer of GPU ${d.e.tokenId}, which was never registered`, 'Transfer')
        return
      }
      gpu.owner = this.accounts.get(to)
      this.gpus.put(gpu)
      this.transfers.push(
        new GpuTransfer({
          id: this.chain.event(d.log),
          gpu,
          from: d.e.from.toLowerCase(),
          to: this.accounts.get(to),
          ...ev,
        }),
      )
      return
    }
    const gpu = this.gpus.get(this.chain.of(d.e.gpuId))
    const name = d.name
    if (!gpu) {
      this.rejects.add(d.log, `GPU ${d.e.gpuId} was never registered`, name)
      return
    }
    if (d.name === 'GpuStatusChanged') {
      const status = STATUSES[d.e.status]
      if (!status) {
        this.rejects.add(d.log, `status ${d.e.status} is not one of 0..3`, name)
        return
      }
      gpu.status = status
      this.gpus.put(gpu)
      this.statusChanges.push(new GpuStatusChange({ id: this.chain.event(d.log), gpu, status, ...ev }))
    } else {
      this.scopeValuations.add(gpu, d.e.valuation - gpu.valuation, 0, ev)
      gpu.valuation = d.e.valuation
      this.gpus.put(gpu)
      this.valuations.push(new GpuValuation({ id: this.chain.event(d.log), gpu, valuation: d.e.valuation, ...ev }))
    }
  }

  /** After the batch: a mint whose registration never came is a transfer of an unknown GPU. */
  finish() {
    for (const { log, to } of this.pendingMints.values()) {
      this.rejects.add(
        log,
        `mint of token ${BigInt(log.topics[3] ?? '0x0')} to ${to} without a GpuRegistered in its transaction`,
        'Transfer',
      )
    }
    this.pendingMints.clear()
  }

  /** Phase 4: one write per table (the GPU book saves the GPUs themselves first). */
  async save(ctx: Ctx) {
    await this.transfers.save(ctx)
    await this.valuations.save(ctx)
    await this.statusChanges.save(ctx)
    await this.scopeValuations.save(ctx)
  }
}
