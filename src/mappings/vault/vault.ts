import * as abi from '../../abi/gpuVault'
import {
  Vault,
  VaultDay,
  VaultEventKind,
  VaultStateSource,
  VaultFlow,
  VaultPosition,
  VaultShareTransfer,
  VaultState,
  VaultYieldAccrual,
} from '../../model'
import type { ContractsConfig } from '../../contracts/roles'
import type { Domain, Handler } from '../shared/domain'
import type { Ctx, Log } from '../shared/types'
import type { Accounts } from '../shared/accounts'
import { Appends, Book } from '../shared/book'
import { type ChainIds, nativeId } from '../shared/chain'
import { evidenceOf } from '../shared/evidence'
import { type Decoded, type Rejects, decodeEvent } from '../shared/rejects'
import { blockSec, dayStart } from '../shared/time'
import { ZERO_ADDRESS } from '../shared/address'
import type { Assets } from '../shared/assets'
import { addressOf, CallSet, smallIntOf, wordAt } from '../shared/calls'
import type { Follows } from '../shared/follows'
import { pricePerShare } from './pps'
import { firstBlocksAtOrAfter, type KnownBlock, sampleTimes } from './samples'

/** Whether an indexed address topic holds this address. */
function topicIs(topic: string, address: string): boolean {
  return topic.length === 66 && topic.slice(26).toLowerCase() === address.slice(2)
}

/**
 * ERC-4626 vaults (docs/interface.md, "Any ERC-4626 vault"). A vault that answers totalAssets() and
 * totalSupply() is a CHAIN vault: its state is read from the chain at the end of every block with its
 * logs or with transfers of its asset to or from it (how yield reaches a plain vault), and at sampled
 * blocks (samples.ts), so yield that arrives without any log is seen too. A vault that does not answer
 * is an EVENTS vault: its state follows Deposit, Withdraw and YieldAccrued. Both keep flows, share
 * positions from the share Transfers, and a daily rollup (close state and flows).
 */
type VaultEvent = Decoded<typeof abi.events>
const TRANSFER = abi.events.Transfer.topic

interface Observation {
  height: number
  /** unix seconds */
  time: number
  kind: VaultEventKind.OBSERVED | VaultEventKind.SAMPLED
  totalAssets: bigint | null
  totalSupply: bigint | null
}

export class VaultHandler implements Domain, Handler<VaultEvent> {
  readonly name = 'vault'
  private readonly addresses: Set<string>
  /** asset -> the vaults whose transfers of it are subscribed */
  private readonly assetVaults = new Map<string, string[]>()
  private readonly vaults = new Book(Vault)
  private readonly positions = new Book(VaultPosition)
  private readonly days = new Book(VaultDay)
  private readonly states = new Appends<VaultState>()
  private readonly flows = new Appends<VaultFlow>()
  private readonly accruals = new Appends<VaultYieldAccrual>()
  private readonly shareTransfers = new Appends<VaultShareTransfer>()
  /** vault -> heights of this batch's blocks with its logs or its asset's transfers to or from it */
  private readonly activity = new Map<string, Set<number>>()
  /** CHAIN vault -> the states read in this batch, oldest first */
  private readonly observations = new Map<string, Observation[]>()
  /** vaults first seen in this batch: their asset's decimals are known only once the assets are loaded */
  private readonly fresh = new Set<string>()

  constructor(
    contracts: ContractsConfig,
    private readonly chain: ChainIds,
    private readonly rejects: Rejects,
    private readonly accounts: Accounts,
    private readonly assets: Assets,
    private readonly follows: Follows,
    private readonly sampleSec: number,
  ) {
    this.addresses = new Set(contracts.gpuVaults)
    for (const [vault, asset] of follows.followed.vaultAssets) {
      if (!this.addresses.has(vault)) continue
      this.assetVaults.set(asset, [...(this.assetVaults.get(asset) ?? []), vault])
    }
  }

  /** Loads every configured vault (sampling looks at each, each batch) and notes the batch's activity. */
  async prepare(ctx: Ctx) {
    if (this.addresses.size === 0) return
    for (const v of this.addresses) this.vaults.want(this.chain.of(v))
    await this.vaults.load(ctx)
    for (const block of ctx.blocks) {
      const h = block.header.height
      for (const log of block.logs) {
        if (this.addresses.has(log.address)) this.active(log.address, h)
        else if (log.topics[0] === TRANSFER && log.topics.length === 3) {
          // a transfer of a vault's asset: routed to whichever domain owns the asset, noted here
          for (const v of this.assetVaults.get(log.address) ?? []) {
            if (topicIs(log.topics[1], v) || topicIs(log.topics[2], v)) this.active(v, h)
          }
        }
      }
    }
  }

  private active(vault: string, height: number) {
    const set = this.activity.get(vault)
    if (set) set.add(height)
    else this.activity.set(vault, new Set([height]))
  }

  route(log: Log) {
    return this.addresses.has(log.address) ? this : undefined
  }

  decode(log: Log): VaultEvent | undefined {
    const d = decodeEvent(this.rejects, log, abi.events)
    if (!d) return
    const at = new Date(log.block.timestamp)
    this.days.want(this.chain.of(`${log.address}-${dayStart(blockSec(log.block.timestamp))}`))
    if (d.name === 'Transfer') {
      for (const a of [d.e.from, d.e.to]) {
        if (a === ZERO_ADDRESS) continue
        this.positions.want(this.chain.of(`${log.address}-${this.accounts.touch(a, at)}`))
      }
    } else if (d.name === 'Deposit') {
      this.accounts.touch(d.e.sender, at)
      this.accounts.touch(d.e.owner, at)
    } else if (d.name === 'Withdraw') {
      this.accounts.touch(d.e.sender, at)
      this.accounts.touch(d.e.owner, at)
      this.accounts.touch(d.e.receiver, at)
    }
    return d
  }

  async load(ctx: Ctx, mark: (part: string) => void = () => {}) {
    await this.positions.load(ctx)
    mark('vault positions')
    const times = new Map(ctx.blocks.map((b) => [b.header.height, blockSec(b.header.timestamp)]))
    await this.firstSight(ctx, times)
    mark('vault first sight')
    await this.readStates(ctx, times, mark)
    await this.days.load(ctx)
  }

  /**
   * A vault's first active block: asset(), decimals(), totalAssets() and totalSupply() decide what it
   * is. A CHAIN vault's asset must be subscribed to; when it is not yet, the batch is replayed (follows.ts).
   */
  private async firstSight(ctx: Ctx, times: Map<number, number>) {
    const calls = new CallSet()
    const firsts: { address: string; height: number; r: (string | null)[] }[] = []
    for (const [address, heights] of this.activity) {
      if (this.vaults.get(this.chain.of(address))) continue
      const height = Math.min(...heights)
      const r: (string | null)[] = []
      for (const [i, f] of [
        abi.functions.asset,
        abi.functions.decimals,
        abi.functions.totalAssets,
        abi.functions.totalSupply,
      ].entries())
        calls.add({ to: address, data: f.encode({}), block: height }, (a) => (r[i] = a))
      this.fresh.add(address)
      this.observations.set(address, [])
      firsts.push({ address, height, r })
    }
    await calls.run(ctx)
    for (const { address, height, r } of firsts) {
      const [asset, decimals, totalAssets, totalSupply] = [
        addressOf(r[0]),
        smallIntOf(r[1], 77),
        wordAt(r[2]),
        wordAt(r[3]),
      ]
      const chain = totalAssets != null && totalSupply != null
      this.vaults.put(
        new Vault({
          id: this.chain.of(address),
          asset,
          assetDecimals: 18,
          shareDecimals: decimals ?? 18,
          stateSource: chain ? VaultStateSource.CHAIN : VaultStateSource.EVENTS,
          totalAssets: 0n,
          totalSupply: 0n,
          pricePerShare: null,
          firstEventAt: null,
          lastEventAt: null,
          observedBlock: null,
          depositCount: 0,
          withdrawalCount: 0,
        }),
      )
      if (asset) this.assets.meet(asset, height)
      if (!chain) continue
      if (asset) this.follows.vaultAsset(address, asset, height)
      this.observations.get(address)!.push({
        height,
        time: times.get(height)!,
        kind: VaultEventKind.OBSERVED,
        totalAssets,
        totalSupply,
      })
    }
  }

  /** The state at the end of each active block and each sampled block of every CHAIN vault, in one call set. */
  private async readStates(ctx: Ctx, times: Map<number, number>, mark: (part: string) => void) {
    const last = ctx.blocks[ctx.blocks.length - 1]
    if (!last) return
    const end = blockSec(last.header.timestamp)
    const known: KnownBlock[] = [...times].map(([height, time]) => ({ height, time }))
    const wanted = new Map<string, { heights: Set<number>; samples: number[] }>()
    for (const vault of this.vaults.values()) {
      if (vault.stateSource !== VaultStateSource.CHAIN) continue
      const address = nativeId(vault.id)
      const obs = this.observations.get(address) ?? []
      const heights = new Set([...(this.activity.get(address) ?? [])].filter((h) => !obs.some((o) => o.height === h)))
      // samples follow the last state read; a vault without shares is not sampled until it has some
      const first = obs[0]
      let after: number | null = null
      if (first) after = first.time
      else if (vault.observedBlock != null && vault.lastEventAt) {
        known.push({ height: vault.observedBlock, time: blockSec(vault.lastEventAt.getTime()) })
        after = blockSec(vault.lastEventAt.getTime())
        if (vault.totalSupply === 0n) {
          const active = [...(this.activity.get(address) ?? [])]
          after = active.length ? times.get(Math.min(...active))! : null
        }
      }
      const samples = after == null ? [] : sampleTimes(after, end, this.sampleSec)
      if (heights.size || samples.length) wanted.set(address, { heights, samples })
      this.observations.set(address, obs)
    }
    const targets = [...new Set([...wanted.values()].flatMap((w) => w.samples))].sort((a, b) => a - b)
    const found = await firstBlocksAtOrAfter(ctx, targets, known)
    mark('vault sample blocks')
    const blockOf = new Map(targets.map((t, i) => [t, found[i]]))
    const calls = new CallSet()
    for (const [address, w] of wanted) {
      const obs = this.observations.get(address)!
      const add = (height: number, time: number, kind: Observation['kind']) => {
        if (obs.some((o) => o.height === height)) return
        const o: Observation = { height, time, kind, totalAssets: null, totalSupply: null }
        obs.push(o)
        calls.add(
          { to: address, data: abi.functions.totalAssets.encode({}), block: height },
          (a) => (o.totalAssets = wordAt(a)),
        )
        calls.add(
          { to: address, data: abi.functions.totalSupply.encode({}), block: height },
          (a) => (o.totalSupply = wordAt(a)),
        )
      }
      for (const h of w.heights) add(h, times.get(h)!, VaultEventKind.OBSERVED)
      for (const t of w.samples) {
        const b = blockOf.get(t)!
        add(b.height, b.time, VaultEventKind.SAMPLED)
      }
      obs.sort((a, b) => a.height - b.height)
      for (const o of obs) this.days.want(this.chain.of(`${address}-${dayStart(o.time)}`))
    }
    await calls.run(ctx)
    mark('vault state reads')
  }

  /** Once the assets are loaded: the asset decimals of vaults first seen in this batch. */
  private fixDecimals() {
    for (const address of this.fresh) {
      const vault = this.vaults.get(this.chain.of(address))!
      vault.assetDecimals = (vault.asset ? this.assets.decimalsOf(vault.asset) : null) ?? 18
    }
    this.fresh.clear()
  }

  private vault(address: string): Vault {
    const v = this.vaults.get(this.chain.of(address))!
    return this.vaults.put(v)
  }

  private day(vault: Vault, unixSec: number): VaultDay {
    const start = dayStart(unixSec)
    return this.days.getOrCreate(
      `${vault.id}-${start}`,
      () =>
        new VaultDay({
          id: `${vault.id}-${start}`,
          vault,
          bucketStart: new Date(start * 1000),
          totalAssetsClose: vault.totalAssets,
          totalSupplyClose: vault.totalSupply,
          pricePerShareClose: vault.pricePerShare,
          deposited: 0n,
          withdrawn: 0n,
          yieldAdded: 0n,
          deposits: 0,
          withdrawals: 0,
        }),
    )
  }

  apply(d: VaultEvent) {
    this.fixDecimals()
    const address = d.log.address
    if (d.name === 'Transfer') return this.applyTransfer(address, d.log, d.e)
    const ev = evidenceOf(d.log)
    const vault = this.vault(address)
    const chain = vault.stateSource === VaultStateSource.CHAIN
    const day = this.day(vault, blockSec(d.log.block.timestamp))
    let kind: VaultEventKind
    if (d.name === 'Deposit') {
      kind = VaultEventKind.DEPOSIT
      vault.depositCount++
      day.deposited += d.e.assets
      day.deposits++
      this.pushFlow(vault, kind, d.log, d.e, null)
      if (chain) return
      vault.totalAssets += d.e.assets
      vault.totalSupply += d.e.shares
    } else if (d.name === 'Withdraw') {
      kind = VaultEventKind.WITHDRAW
      // the event rules bound a withdrawal only where they are the state (EVENTS vaults)
      if (!chain && (d.e.assets > vault.totalAssets || d.e.shares > vault.totalSupply)) {
        return this.rejects.add(
          d.log,
          `withdraw of ${d.e.assets} assets / ${d.e.shares} shares exceeds the vault state ${vault.totalAssets} / ${vault.totalSupply}`,
          'Withdraw',
        )
      }
      vault.withdrawalCount++
      day.withdrawn += d.e.assets
      day.withdrawals++
      this.pushFlow(vault, kind, d.log, d.e, d.e.receiver)
      if (chain) return
      vault.totalAssets -= d.e.assets
      vault.totalSupply -= d.e.shares
    } else {
      kind = VaultEventKind.YIELD
      day.yieldAdded += d.e.assetsAdded
      this.accruals.push(new VaultYieldAccrual({ id: this.chain.event(d.log), vault, ...d.e, ...ev }))
      if (chain) return
      vault.totalAssets = d.e.totalAssets
      vault.totalSupply = d.e.totalSupply
    }
    this.setState(vault, day, {
      kind,
      totalAssets: vault.totalAssets,
      totalSupply: vault.totalSupply,
      id: this.chain.event(d.log),
      ...ev,
    })
  }

  /** CHAIN vaults: the states read, in block order. A sample is taken only while the vault has shares. */
  async settle() {
    this.fixDecimals()
    for (const [address, obs] of this.observations) {
      for (const o of obs) {
        if (o.totalAssets == null || o.totalSupply == null) continue // the call did not answer: state unknown there
        const vault = this.vault(address)
        if (o.kind === VaultEventKind.SAMPLED && vault.totalSupply === 0n) continue
        const time = new Date(o.time * 1000)
        vault.totalAssets = o.totalAssets
        vault.totalSupply = o.totalSupply
        vault.observedBlock = o.height
        this.setState(vault, this.day(vault, o.time), {
          id: this.chain.of(`${address}-${String(o.height).padStart(10, '0')}`),
          kind: o.kind,
          totalAssets: o.totalAssets,
          totalSupply: o.totalSupply,
          txHash: null,
          blockNumber: o.height,
          blockTime: time,
          logIndex: null,
        })
      }
    }
  }

  /** The vault's state from here on: the vault, its day's close and a history row. */
  private setState(
    vault: Vault,
    day: VaultDay,
    s: {
      id: string
      kind: VaultEventKind
      totalAssets: bigint
      totalSupply: bigint
      txHash: string | null
      blockNumber: number
      blockTime: Date
      logIndex: number | null
    },
  ) {
    const pps = pricePerShare(s.totalAssets, s.totalSupply, vault.assetDecimals, vault.shareDecimals)
    vault.pricePerShare = pps
    vault.firstEventAt ??= s.blockTime
    vault.lastEventAt = s.blockTime
    day.totalAssetsClose = s.totalAssets
    day.totalSupplyClose = s.totalSupply
    day.pricePerShareClose = pps
    this.states.push(new VaultState({ ...s, vault, pricePerShare: pps }))
  }

  private pushFlow(
    vault: Vault,
    kind: VaultEventKind,
    log: Log,
    e: { sender: string; owner: string; assets: bigint; shares: bigint },
    receiver: string | null,
  ) {
    this.flows.push(
      new VaultFlow({
        id: this.chain.event(log),
        vault,
        kind,
        sender: this.accounts.get(e.sender.toLowerCase()),
        owner: this.accounts.get(e.owner.toLowerCase()),
        receiver: receiver == null ? null : this.accounts.get(receiver.toLowerCase()),
        assets: e.assets,
        shares: e.shares,
        ...evidenceOf(log),
      }),
    )
  }

  private applyTransfer(address: string, log: Log, raw: abi.TransferEventArgs) {
    const e = { ...raw, from: raw.from.toLowerCase(), to: raw.to.toLowerCase() }
    if (e.from === ZERO_ADDRESS && e.to === ZERO_ADDRESS)
      return this.rejects.add(log, 'share transfer from the zero address to the zero address', 'Transfer')
    const from = e.from === ZERO_ADDRESS ? undefined : this.position(address, e.from)
    if (from && from.shares < e.value) {
      return this.rejects.add(
        log,
        `transfer of ${e.value} shares from ${e.from}, which holds ${from.shares}`,
        'Transfer',
      )
    }
    const vault = this.vault(address)
    if (from) from.shares -= e.value
    if (e.to !== ZERO_ADDRESS) this.position(address, e.to).shares += e.value
    this.shareTransfers.push(
      new VaultShareTransfer({
        id: this.chain.event(log),
        vault,
        from: e.from,
        to: e.to,
        shares: e.value,
        ...evidenceOf(log),
      }),
    )
  }

  private position(vaultId: string, account: string): VaultPosition {
    const id = this.chain.of(`${vaultId}-${account}`)
    return this.positions.getOrCreate(
      id,
      () =>
        new VaultPosition({
          id,
          vault: this.vaults.get(this.chain.of(vaultId))!,
          account: this.accounts.get(account),
          shares: 0n,
        }),
    )
  }

  async save(ctx: Ctx) {
    await this.vaults.save(ctx)
    await this.positions.save(ctx)
    await this.days.save(ctx)
    await this.states.save(ctx)
    await this.flows.save(ctx)
    await this.accruals.save(ctx)
    await this.shareTransfers.save(ctx)
  }
}
