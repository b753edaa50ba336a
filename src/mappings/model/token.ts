import { In } from 'typeorm'
import * as abi from '../../abi/modelToken'
import {
  BurnRedemption,
  Entitlement,
  Holder,
  HolderBalanceChange,
  type ModelToken,
  RevenueClaim,
  RevenueReceipt,
  RevenueSnapshot,
} from '../../model'
import type { Ctx, Log } from '../shared/types'
import type { Accounts } from '../shared/accounts'
import { Appends, Book } from '../shared/book'
import type { ChainIds } from '../shared/chain'
import { evidenceOf } from '../shared/evidence'
import { type Decoded, type Rejects, decodeEvent } from '../shared/rejects'
import { ZERO_ADDRESS } from '../shared/address'
import { entitlement } from './math'
import type { ModelTokens } from './tokens'

/**
 * Model tokens (ERC-7641-like): exact balances with history, revenue received, snapshots with each
 * holder's entitlement fixed at the snapshot log, claims (at most one per holder and snapshot) and
 * burn-redeems.
 */
type TokenEvent = Decoded<typeof abi.events>

export class TokenHandler {
  // shared with the ERC-7641 handler (erc7641.ts), which keeps the same books from other sources
  readonly holders = new Book(Holder)
  readonly snapshots = new Book(RevenueSnapshot)
  readonly entitlements = new Book(Entitlement)
  /** tokens with a snapshot in this batch: all their holders are loaded */
  readonly snapshotTokens = new Set<string>()
  private readonly changes = new Appends<HolderBalanceChange>()
  readonly receipts = new Appends<RevenueReceipt>()
  readonly claims = new Appends<RevenueClaim>()
  readonly burns = new Appends<BurnRedemption>()

  constructor(
    private readonly chain: ChainIds,
    private readonly rejects: Rejects,
    private readonly accounts: Accounts,
    private readonly tokens: ModelTokens,
  ) {}

  decode(log: Log): TokenEvent | undefined {
    const d = decodeEvent(this.rejects, log, abi.events)
    if (!d) return
    const at = new Date(log.block.timestamp)
    const token = log.address
    switch (d.name) {
      case 'Transfer':
        this.wantTransfer(token, d.e, at)
        break
      case 'RevenueSnapshot':
        this.snapshots.want(this.chain.of(`${token}-${d.e.snapshotId}`))
        this.snapshotTokens.add(token)
        break
      case 'RevenueClaimed': {
        const holder = this.accounts.touch(d.e.holder, at)
        this.snapshots.want(this.chain.of(`${token}-${d.e.snapshotId}`))
        this.entitlements.want(this.chain.of(`${token}-${d.e.snapshotId}-${holder}`))
        break
      }
      case 'BurnRedeemed':
        this.accounts.touch(d.e.holder, at)
        break
    }
    return d
  }

  /** A Transfer's two holders, noted for loading. */
  wantTransfer(token: string, e: { from: string; to: string }, at: Date) {
    for (const a of [e.from, e.to]) {
      if (a.toLowerCase() !== ZERO_ADDRESS) this.holders.want(this.chain.of(`${token}-${this.accounts.touch(a, at)}`))
    }
  }

  async load(ctx: Ctx) {
    await this.holders.load(ctx)
    if (this.snapshotTokens.size) {
      const tokens = [...this.snapshotTokens].map((a) => this.chain.of(a))
      await this.holders.loadWhere(ctx, { token: { id: In(tokens) } })
    }
    await this.snapshots.load(ctx)
    await this.entitlements.load(ctx)
  }

  apply(d: TokenEvent) {
    const token = this.tokens.get(d.log.address)
    if (!token) return // its creation was rejected: not a token we follow
    const ev = evidenceOf(d.log)
    const reject = (reason: string) => this.rejects.add(d.log, reason, d.name)
    switch (d.name) {
      case 'Transfer':
        this.applyTransfer(token, d.log, d.e)
        break
      case 'RevenueReceived':
        token.revenueReceived += d.e.amount
        this.receipts.push(
          new RevenueReceipt({
            id: this.chain.event(d.log),
            token,
            from: d.e.from.toLowerCase(),
            amount: d.e.amount,
            ...ev,
          }),
        )
        break
      case 'RevenueSnapshot': {
        const e = d.e
        const id = `${token.id}-${e.snapshotId}`
        if (this.snapshots.get(id)) return reject(`snapshot ${e.snapshotId} already exists`)
        if (e.totalSupply === 0n) return reject('snapshot with totalSupply 0')
        if (e.claimable > e.newRevenue) return reject(`claimable ${e.claimable} > newRevenue ${e.newRevenue}`)
        const snapshot = this.snapshots.put(
          new RevenueSnapshot({
            id,
            token,
            snapshotId: e.snapshotId,
            newRevenue: e.newRevenue,
            claimable: e.claimable,
            totalSupply: e.totalSupply,
            claimedTotal: 0n,
            ...ev,
          }),
        )
        token.snapshotCount++
        token.claimableTotal += e.claimable
        // Balances as of this log: every holder of the token is in memory (loaded for this batch).
        for (const h of this.holders.values()) {
          if (h.balance === 0n || !h.id.startsWith(`${token.id}-`)) continue
          const holder = h.id.slice(token.id.length + 1)
          this.entitlements.put(
            new Entitlement({
              id: `${id}-${holder}`,
              snapshot,
              token,
              holder: this.accounts.ref(holder),
              balance: h.balance,
              amount: entitlement(h.balance, e.claimable, e.totalSupply),
              claimed: false,
              claimedAt: null,
              claimTxHash: null,
              expired: false,
              expiredBlock: null,
            }),
          )
        }
        break
      }
      case 'RevenueClaimed': {
        const e = d.e
        const holder = e.holder.toLowerCase()
        const snapshot = this.snapshots.get(`${token.id}-${e.snapshotId}`)
        if (!snapshot) return reject(`snapshot ${e.snapshotId} does not exist`)
        const ent = this.entitlements.get(`${snapshot.id}-${holder}`)
        if (!ent) return reject(`${holder} held no tokens at snapshot ${e.snapshotId}`)
        if (ent.claimed) return reject(`${holder} already claimed snapshot ${e.snapshotId}`)
        if (ent.amount !== e.amount) return reject(`claimed ${e.amount} but the entitlement is ${ent.amount}`)
        ent.claimed = true
        ent.claimedAt = ev.blockTime
        ent.claimTxHash = ev.txHash
        this.entitlements.put(ent)
        snapshot.claimedTotal += e.amount
        this.snapshots.put(snapshot)
        token.claimedTotal += e.amount
        this.claims.push(
          new RevenueClaim({
            id: this.chain.event(d.log),
            token,
            snapshot,
            holder: this.accounts.get(holder),
            amount: e.amount,
            ...ev,
          }),
        )
        break
      }
      case 'BurnRedeemed':
        token.burnPaid += d.e.paid
        this.burns.push(
          new BurnRedemption({
            id: this.chain.event(d.log),
            token,
            holder: this.accounts.get(d.e.holder.toLowerCase()),
            burned: d.e.burned,
            paid: d.e.paid,
            ...ev,
          }),
        )
        break
    }
    this.tokens.touch(token)
  }

  /** Balances, supply and burns after a Transfer; a transfer that breaks a rule is rejected. */
  applyTransfer(token: ModelToken, log: Log, e: { from: string; to: string; value: bigint }) {
    const reject = (reason: string) => this.rejects.add(log, reason, 'Transfer')
    const fromAddr = e.from.toLowerCase()
    const toAddr = e.to.toLowerCase()
    const value = e.value
    if (fromAddr === ZERO_ADDRESS && toAddr === ZERO_ADDRESS)
      return reject('transfer from the zero address to the zero address')
    const from = fromAddr === ZERO_ADDRESS ? undefined : this.holder(token, fromAddr)
    if (from && from.balance < value)
      return reject(`transfer of ${value} from ${fromAddr}, which holds ${from.balance}`)
    if (!from) token.totalSupply += value
    if (from) this.move(token, from, -value, log, 'from')
    if (toAddr === ZERO_ADDRESS) {
      token.totalSupply -= value
      token.burned += value
    } else {
      this.move(token, this.holder(token, toAddr), value, log, 'to')
    }
    this.tokens.touch(token)
  }

  private holder(token: ModelToken, account: string): Holder {
    const id = `${token.id}-${account}`
    return this.holders.getOrCreate(
      id,
      () => new Holder({ id, token, account: this.accounts.get(account), balance: 0n }),
    )
  }

  private move(token: ModelToken, h: Holder, delta: bigint, log: Log, side: 'from' | 'to') {
    const before = h.balance
    h.balance += delta
    if (before === 0n && h.balance > 0n) token.holderCount++
    if (before > 0n && h.balance === 0n) token.holderCount--
    this.changes.push(
      new HolderBalanceChange({
        id: `${this.chain.event(log)}-${side}`,
        holder: h,
        token,
        delta,
        balanceAfter: h.balance,
        ...evidenceOf(log),
      }),
    )
  }

  async save(ctx: Ctx) {
    await this.holders.save(ctx)
    await this.snapshots.save(ctx)
    await this.entitlements.save(ctx)
    await this.changes.save(ctx)
    await this.receipts.save(ctx)
    await this.claims.save(ctx)
    await this.burns.save(ctx)
  }
}
