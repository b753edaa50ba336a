import * as abi from '../../abi/gpuVault'
import {
  Vault,
  VaultDay,
  VaultEventKind,
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
import { evidenceOf, eventId } from '../shared/evidence'
import { type Decoded, type Rejects, decodeEvent } from '../shared/rejects'
import { blockSec, dayStart } from '../shared/time'
import { ZERO_ADDRESS } from '../shared/address'
import { pricePerShare } from './pps'

/**
 * ERC-4626 vaults: state (totalAssets, totalSupply) after every Deposit, Withdraw and YieldAccrued,
 * flows, share positions from the share Transfers, and a daily rollup (close state and flows).
 */
type VaultEvent = Decoded<typeof abi.events>

export class VaultHandler implements Domain, Handler<VaultEvent> {
  readonly name = 'vault'
  private readonly addresses: Set<string>
  private readonly vaults = new Book(Vault)
  private readonly positions = new Book(VaultPosition)
  private readonly days = new Book(VaultDay)
  private readonly states = new Appends<VaultState>()
  private readonly flows = new Appends<VaultFlow>()
  private readonly accruals = new Appends<VaultYieldAccrual>()
  private readonly shareTransfers = new Appends<VaultShareTransfer>()

  constructor(
    contracts: ContractsConfig,
    private readonly rejects: Rejects,
    private readonly accounts: Accounts,
  ) {
    this.addresses = new Set(contracts.gpuVaults)
  }

  route(log: Log) {
    return this.addresses.has(log.address) ? this : undefined
  }

  decode(log: Log): VaultEvent | undefined {
    const d = decodeEvent(this.rejects, log, abi.events)
    if (!d) return
    const at = new Date(log.block.timestamp)
    this.vaults.want(log.address)
    this.days.want(`${log.address}-${dayStart(blockSec(log.block.timestamp))}`)
    if (d.name === 'Transfer') {
      for (const a of [d.e.from, d.e.to]) {
        if (a === ZERO_ADDRESS) continue
        this.positions.want(`${log.address}-${this.accounts.touch(a, at)}`)
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

  async load(ctx: Ctx) {
    await this.vaults.load(ctx)
    await this.positions.load(ctx)
    await this.days.load(ctx)
  }

  private vault(address: string): Vault {
    return this.vaults.getOrCreate(
      address,
      () =>
        new Vault({
          id: address,
          totalAssets: 0n,
          totalSupply: 0n,
          pricePerShare: null,
          firstEventAt: null,
          lastEventAt: null,
          depositCount: 0,
          withdrawalCount: 0,
        }),
    )
  }

  private day(vault: Vault, log: Log): VaultDay {
    const start = dayStart(blockSec(log.block.timestamp))
    return this.days.getOrCreate(
      `${vault.id}-${start}`,
      () =>
        new VaultDay({
          id: `${vault.id}-${start}`,
          vault,
          bucketStart: new Date(start * 1000),
          totalAssetsClose: 0n,
          totalSupplyClose: 0n,
          pricePerShareClose: null,
          deposited: 0n,
          withdrawn: 0n,
          yieldAdded: 0n,
          deposits: 0,
          withdrawals: 0,
        }),
    )
  }

  apply(d: VaultEvent) {
    const address = d.log.address
    if (d.name === 'Transfer') return this.applyTransfer(address, d.log, d.e)
    const ev = evidenceOf(d.log)
    const vault = this.vault(address)
    const day = this.day(vault, d.log)
    let kind: VaultEventKind
    if (d.name === 'Deposit') {
      kind = VaultEventKind.DEPOSIT
      vault.totalAssets += d.e.assets
      vault.totalSupply += d.e.shares
      vault.depositCount++
      day.deposited += d.e.assets
      day.deposits++
      this.pushFlow(vault, kind, d.log, d.e, null)
    } else if (d.name === 'Withdraw') {
      kind = VaultEventKind.WITHDRAW
      if (d.e.assets > vault.totalAssets || d.e.shares > vault.totalSupply) {
        return this.rejects.add(
          d.log,
          `withdraw of ${d.e.assets} assets / ${d.e.shares} shares exceeds the vault state ${vault.totalAssets} / ${vault.totalSupply}`,
          'Withdraw',
        )
      }
      vault.totalAssets -= d.e.assets
      vault.totalSupply -= d.e.shares
      vault.withdrawalCount++
      day.withdrawn += d.e.assets
      day.withdrawals++
      this.pushFlow(vault, kind, d.log, d.e, d.e.receiver)
    } else {
      kind = VaultEventKind.YIELD
      vault.totalAssets = d.e.totalAssets
      vault.totalSupply = d.e.totalSupply
      day.yieldAdded += d.e.assetsAdded
      this.accruals.push(new VaultYieldAccrual({ id: eventId(d.log), vault, ...d.e, ...ev }))
    }
    const pps = pricePerShare(vault.totalAssets, vault.totalSupply)
    vault.pricePerShare = pps
    vault.firstEventAt ??= ev.blockTime
    vault.lastEventAt = ev.blockTime
    day.totalAssetsClose = vault.totalAssets
    day.totalSupplyClose = vault.totalSupply
    day.pricePerShareClose = pps
    this.states.push(
      new VaultState({
        id: eventId(d.log),
        vault,
        kind,
        totalAssets: vault.totalAssets,
        totalSupply: vault.totalSupply,
        pricePerShare: pps,
        ...ev,
      }),
    )
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
        id: eventId(log),
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
    const vault = this.vault(address) // a share Transfer may be the first log of a vault (mint before Deposit)
    if (from) from.shares -= e.value
    if (e.to !== ZERO_ADDRESS) this.position(address, e.to).shares += e.value
    this.shareTransfers.push(
      new VaultShareTransfer({ id: eventId(log), vault, from: e.from, to: e.to, shares: e.value, ...evidenceOf(log) }),
    )
  }

  private position(vaultId: string, account: string): VaultPosition {
    const id = `${vaultId}-${account}`
    return this.positions.getOrCreate(
      id,
      () =>
        new VaultPosition({
          id,
          vault: this.vault(vaultId),
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
