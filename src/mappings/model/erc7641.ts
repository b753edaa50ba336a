import * as abi from '../../abi/erc7641Token'
import { In } from 'typeorm'
import {
  BurnRedemption,
  Entitlement,
  type ModelToken,
  RevenueClaim,
  RevenueReceipt,
  RevenueSnapshot,
} from '../../model'
import type { Accounts } from '../shared/accounts'
import { CallSet, wordAt } from '../shared/calls'
import type { Handler, TxHandler } from '../shared/domain'
import { type ChainIds, nativeId } from '../shared/chain'
import { evidenceOf } from '../shared/evidence'
import { type Decoded, type Rejects, decodeEvent } from '../shared/rejects'
import type { Ctx, Log, Transaction } from '../shared/types'
import type { TokenHandler } from './token'
import type { ModelTokens } from './tokens'

/**
 * ERC-7641 tokens as written (docs/interface.md, "ERC-7641 tokens"): they log only `Transfer` and
 * `Snapshot`. Revenue arrives as native coin with no log, and claims and burn payouts leave with
 * none, so those come from the successful transactions to the token: a transaction carrying value is
 * revenue, `claim(id)` and `claimBatch(ids)` claim the sender's entitlements of those snapshots, and
 * `burn(amount)` pays `redeemableOnBurn(amount)` as read at the block before. At a `Snapshot(id)`,
 * each holder's entitlement is what `claimableRevenue(holder, id)` says at that block, and an earlier
 * entitlement that now reads 0 without a claim has expired (ORA's tokens roll it into the new
 * snapshot). Balances, snapshots and entitlements live in the same books as our own tokens' (token.ts).
 */
type Erc7641Event = Decoded<typeof abi.events>

type Erc7641Tx =
  | { kind: 'revenue'; tx: Transaction; from: string; amount: bigint }
  | { kind: 'claim'; tx: Transaction; holder: string; snapshotIds: bigint[] }
  | { kind: 'burn'; tx: Transaction; holder: string; amount: bigint; paid: bigint | null }

const CLAIM = abi.functions.claim.selector
const CLAIM_BATCH = abi.functions.claimBatch.selector
const BURN = abi.functions.burn.selector

function txEvidence(tx: Transaction) {
  return { txHash: tx.hash, blockNumber: tx.block.height, blockTime: new Date(tx.block.timestamp), logIndex: null }
}

interface SnapshotRead {
  token: string
  id: bigint
  block: number
  totalSupply: bigint | null
}

export class Erc7641Handler implements Handler<Erc7641Event>, TxHandler<Erc7641Tx> {
  private readonly reads = new CallSet()
  private readonly snapshotReads: SnapshotRead[] = []
  /** token -> accounts that receive it in this batch (holders the database does not know yet) */
  private readonly recipients = new Map<string, Set<string>>()
  /** `<token>-<snapshotId>-<holder>@<block>` -> claimableRevenue(holder, snapshotId) at that block */
  private readonly claimable = new Map<string, bigint | null>()

  constructor(
    private readonly chain: ChainIds,
    private readonly rejects: Rejects,
    private readonly accounts: Accounts,
    private readonly tokens: ModelTokens,
    private readonly book: TokenHandler,
  ) {}

  decode(log: Log): Erc7641Event | undefined {
    const d = decodeEvent(this.rejects, log, abi.events)
    if (!d) return
    const token = log.address
    if (d.name === 'Transfer') {
      this.book.wantTransfer(token, d.e, new Date(log.block.timestamp))
      const to = d.e.to.toLowerCase()
      const set = this.recipients.get(token) ?? new Set<string>()
      this.recipients.set(token, set.add(to))
    } else {
      // every holder of the token is loaded for the snapshot, and its unclaimed entitlements
      this.book.snapshots.want(this.chain.of(`${token}-${d.e.id}`))
      this.book.snapshotTokens.add(token)
      this.snapshotReads.push({ token, id: d.e.id, block: log.block.height, totalSupply: null })
    }
    return d
  }

  decodeTransaction(tx: Transaction): Erc7641Tx | undefined {
    if (tx.status !== 1 || !tx.to) return // a failed transaction pays and claims nothing
    const token = tx.to.toLowerCase()
    const from = this.accounts.touch(tx.from, new Date(tx.block.timestamp))
    if (tx.value > 0n) return { kind: 'revenue', tx, from, amount: tx.value }
    const selector = tx.input.slice(0, 10)
    try {
      if (selector === CLAIM || selector === CLAIM_BATCH) {
        const snapshotIds =
          selector === CLAIM
            ? [abi.functions.claim.decode(tx.input).snapshotId]
            : abi.functions.claimBatch.decode(tx.input).snapshotIds
        for (const id of snapshotIds) {
          this.book.snapshots.want(this.chain.of(`${token}-${id}`))
          this.book.entitlements.want(this.chain.of(`${token}-${id}-${from}`))
        }
        return { kind: 'claim', tx, holder: from, snapshotIds }
      }
      if (selector === BURN) {
        const { amount } = abi.functions.burn.decode(tx.input)
        const item: Erc7641Tx = { kind: 'burn', tx, holder: from, amount, paid: null }
        // what the token pays for the burn, as it stood before the block
        this.reads.add(
          { to: token, data: abi.functions.redeemableOnBurn.encode({ amount }), block: tx.block.height - 1 },
          (r) => (item.paid = wordAt(r)),
        )
        return item
      }
    } catch {
      // calldata that does not decode cannot have succeeded on an ERC-7641 token: nothing to record
    }
    return undefined
  }

  /**
   * After the token books are loaded (every holder of a snapshot's token): the batch's reads in one
   * call set. For each snapshot, totalSupplyAt(id) and claimableRevenue(h, id) of every account that
   * may hold the token at that log; and claimableRevenue of each earlier unclaimed entitlement, again.
   */
  async load(ctx: Ctx) {
    const tokens = [...new Set(this.snapshotReads.map((r) => r.token))]
    if (tokens.length) {
      const ids = tokens.map((a) => this.chain.of(a))
      await this.book.entitlements.loadWhere(ctx, { token: { id: In(ids) }, claimed: false, expired: false })
    }
    for (const r of this.snapshotReads) {
      const erc7641 = { to: r.token, block: r.block }
      this.reads.add({ ...erc7641, data: abi.functions.totalSupplyAt.encode({ snapshotId: r.id }) }, (a) => {
        r.totalSupply = wordAt(a)
      })
      const ask = (holder: string, id: bigint) => {
        const key = `${r.token}-${id}-${holder}@${r.block}`
        if (this.claimable.has(key)) return
        this.claimable.set(key, null)
        const data = abi.functions.claimableRevenue.encode({ account: holder, snapshotId: id })
        this.reads.add({ ...erc7641, data }, (a) => this.claimable.set(key, wordAt(a)))
      }
      for (const h of this.maybeHolders(r.token)) {
        ask(h, r.id)
        // an entitlement of an earlier snapshot of this batch may expire at this one
        for (const e of this.snapshotReads) if (e.token === r.token && e.id < r.id) ask(h, e.id)
      }
      for (const e of this.book.entitlements.values()) {
        const [token, id, holder] = e.id.split('-')
        if (nativeId(token) === r.token && BigInt(id) < r.id && !e.claimed && !e.expired) ask(holder, BigInt(id))
      }
    }
    await this.reads.run(ctx)
  }

  /** Accounts that may hold the token at some log of this batch: its holders now, and its recipients. */
  private maybeHolders(token: string): Set<string> {
    const out = new Set(this.recipients.get(token) ?? [])
    const prefix = `${this.chain.of(token)}-`
    for (const h of this.book.holders.values()) {
      if (h.id.startsWith(prefix) && h.balance > 0n) out.add(h.id.slice(prefix.length))
    }
    out.delete('0x0000000000000000000000000000000000000000')
    return out
  }

  apply(d: Erc7641Event | Erc7641Tx) {
    if ('log' in d) {
      const token = this.tokens.get(d.log.address)
      if (!token) return
      if (d.name === 'Transfer') this.book.applyTransfer(token, d.log, d.e)
      else this.snapshot(token, d.log, d.e.id)
      return
    }
    const token = this.tokens.get(d.tx.to!.toLowerCase())
    if (!token) return
    if (d.kind === 'revenue') this.revenue(token, d)
    else if (d.kind === 'claim') this.claim(token, d)
    else this.burn(token, d)
    this.tokens.touch(token)
  }

  /**
   * A snapshot: each holder with a balance at this log is entitled to what the token says
   * (claimableRevenue at this block), the claimable part is their sum, and an earlier entitlement
   * that now reads 0 without a claim has expired.
   */
  private snapshot(token: ModelToken, log: Log, id: bigint) {
    const reject = (reason: string) => this.rejects.add(log, reason, 'Snapshot')
    const key = `${token.id}-${id}`
    if (this.book.snapshots.get(key)) return reject(`snapshot ${id} already exists`)
    const address = nativeId(token.id)
    const read = this.snapshotReads.find((r) => r.token === address && r.id === id && r.block === log.block.height)
    const totalSupply = read?.totalSupply
    if (totalSupply == null || totalSupply === 0n) return reject(`totalSupplyAt(${id}) did not answer a supply`)
    const at = (holder: string, snapshotId: bigint) =>
      this.claimable.get(`${address}-${snapshotId}-${holder}@${log.block.height}`) ?? null
    const snapshot = new RevenueSnapshot({
      id: key,
      token,
      snapshotId: id,
      newRevenue: null,
      claimable: 0n,
      totalSupply,
      claimedTotal: 0n,
      ...evidenceOf(log),
    })
    for (const h of this.book.holders.values()) {
      if (h.balance === 0n || !h.id.startsWith(`${token.id}-`)) continue
      const holder = h.id.slice(token.id.length + 1)
      const amount = at(holder, id)
      if (amount == null) continue // the token did not answer for this holder: no entitlement known
      snapshot.claimable += amount
      this.book.entitlements.put(
        new Entitlement({
          id: `${key}-${holder}`,
          snapshot,
          token,
          holder: this.accounts.ref(holder),
          balance: h.balance,
          amount,
          claimed: false,
          claimedAt: null,
          claimTxHash: null,
          expired: false,
          expiredBlock: null,
        }),
      )
    }
    for (const e of this.book.entitlements.values()) {
      const [t, sid, holder] = e.id.split('-')
      if (t !== token.id || BigInt(sid) >= id || e.claimed || e.expired || e.amount === 0n) continue
      if (at(holder, BigInt(sid)) === 0n) {
        e.expired = true
        e.expiredBlock = log.block.height
        this.book.entitlements.put(e)
      }
    }
    this.book.snapshots.put(snapshot)
    token.snapshotCount++
    token.claimableTotal += snapshot.claimable
    this.tokens.touch(token)
  }

  private revenue(token: ModelToken, d: Extract<Erc7641Tx, { kind: 'revenue' }>) {
    token.revenueReceived += d.amount
    this.book.receipts.push(
      new RevenueReceipt({
        id: this.chain.tx(d.tx.block.height, d.tx.transactionIndex),
        token,
        from: d.from,
        amount: d.amount,
        ...txEvidence(d.tx),
      }),
    )
  }

  /** Each named snapshot's entitlement of the sender, claimed once; an unknown or spent one claims nothing. */
  private claim(token: ModelToken, d: Extract<Erc7641Tx, { kind: 'claim' }>) {
    d.snapshotIds.forEach((id, i) => {
      const snapshot = this.book.snapshots.get(`${token.id}-${id}`)
      const ent = this.book.entitlements.get(`${token.id}-${id}-${d.holder}`)
      if (!snapshot || !ent || ent.claimed) return
      if (ent.expired) {
        // read 0 at the end of a block in which it was then claimed: claimed, not expired
        if (ent.expiredBlock !== d.tx.block.height) return
        ent.expired = false
        ent.expiredBlock = null
      }
      ent.claimed = true
      ent.claimedAt = new Date(d.tx.block.timestamp)
      ent.claimTxHash = d.tx.hash
      this.book.entitlements.put(ent)
      snapshot.claimedTotal += ent.amount
      this.book.snapshots.put(snapshot)
      token.claimedTotal += ent.amount
      this.book.claims.push(
        new RevenueClaim({
          id: `${this.chain.tx(d.tx.block.height, d.tx.transactionIndex)}-${i}`,
          token,
          snapshot,
          holder: this.accounts.get(d.holder),
          amount: ent.amount,
          ...txEvidence(d.tx),
        }),
      )
    })
  }

  private burn(token: ModelToken, d: Extract<Erc7641Tx, { kind: 'burn' }>) {
    const paid = d.paid ?? 0n // a token that does not answer redeemableOnBurn: the payout is unknown, counted 0
    token.burnPaid += paid
    this.book.burns.push(
      new BurnRedemption({
        id: this.chain.tx(d.tx.block.height, d.tx.transactionIndex),
        token,
        holder: this.accounts.get(d.holder),
        burned: d.amount,
        paid,
        ...txEvidence(d.tx),
      }),
    )
  }
}
