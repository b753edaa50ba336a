import * as abi from '../../abi/erc7641Token'
import { BurnRedemption, type ModelToken, RevenueClaim, RevenueReceipt } from '../../model'
import type { Accounts } from '../shared/accounts'
import { CallSet, wordAt } from '../shared/calls'
import type { Handler, TxHandler } from '../shared/domain'
import { eventIdAt } from '../shared/evidence'
import { type Decoded, type Rejects, decodeEvent } from '../shared/rejects'
import type { Ctx, Log, Transaction } from '../shared/types'
import type { TokenHandler } from './token'
import type { ModelTokens } from './tokens'

/**
 * ERC-7641 tokens as written (docs/interface.md, "ERC-7641 tokens"): they log only `Transfer` and
 * `Snapshot`. Revenue arrives as native coin with no log, and claims and burn payouts leave with
 * none, so those come from the successful transactions to the token: a transaction carrying value is
 * revenue, `claim(id)` and `claimBatch(ids)` claim the sender's entitlements of those snapshots, and
 * `burn(amount)` pays `redeemableOnBurn(amount)` as read at the block before. Balances, snapshots and
 * entitlements live in the same books as our own tokens' (token.ts).
 */
type Erc7641Event = Decoded<typeof abi.events>

type Erc7641Tx =
  | { kind: 'revenue'; tx: Transaction; from: string; amount: bigint }
  | { kind: 'claim'; tx: Transaction; holder: string; snapshotIds: bigint[] }
  | { kind: 'burn'; tx: Transaction; holder: string; amount: bigint; paid: bigint | null }

const CLAIM = abi.functions.claim.selector
const CLAIM_BATCH = abi.functions.claimBatch.selector
const BURN = abi.functions.burn.selector

/** Id of a row made from a transaction: `<block>-t<transaction index>`, sorting beside the log ids. */
function txId(tx: Transaction): string {
  return `${eventIdAt(tx.block.height, tx.transactionIndex).replace(/-(\d+)$/, '-t$1')}`
}

function txEvidence(tx: Transaction) {
  return { txHash: tx.hash, blockNumber: tx.block.height, blockTime: new Date(tx.block.timestamp), logIndex: null }
}

export class Erc7641Handler implements Handler<Erc7641Event>, TxHandler<Erc7641Tx> {
  private readonly reads = new CallSet()

  constructor(
    private readonly rejects: Rejects,
    private readonly accounts: Accounts,
    private readonly tokens: ModelTokens,
    private readonly book: TokenHandler,
  ) {}

  decode(log: Log): Erc7641Event | undefined {
    const d = decodeEvent(this.rejects, log, abi.events)
    if (!d) return
    if (d.name === 'Transfer') this.book.wantTransfer(log.address, d.e, new Date(log.block.timestamp))
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
          this.book.snapshots.want(`${token}-${id}`)
          this.book.entitlements.want(`${token}-${id}-${from}`)
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

  async load(ctx: Ctx) {
    await this.reads.run(ctx)
  }

  apply(d: Erc7641Event | Erc7641Tx) {
    if ('log' in d) {
      const token = this.tokens.get(d.log.address)
      if (token && d.name === 'Transfer') this.book.applyTransfer(token, d.log, d.e)
      return
    }
    const token = this.tokens.get(d.tx.to!.toLowerCase())
    if (!token) return
    if (d.kind === 'revenue') this.revenue(token, d)
    else if (d.kind === 'claim') this.claim(token, d)
    else this.burn(token, d)
    this.tokens.touch(token)
  }

  private revenue(token: ModelToken, d: Extract<Erc7641Tx, { kind: 'revenue' }>) {
    token.revenueReceived += d.amount
    this.book.receipts.push(
      new RevenueReceipt({ id: txId(d.tx), token, from: d.from, amount: d.amount, ...txEvidence(d.tx) }),
    )
  }

  /** Each named snapshot's entitlement of the sender, claimed once; an unknown or spent one claims nothing. */
  private claim(token: ModelToken, d: Extract<Erc7641Tx, { kind: 'claim' }>) {
    d.snapshotIds.forEach((id, i) => {
      const snapshot = this.book.snapshots.get(`${token.id}-${id}`)
      const ent = this.book.entitlements.get(`${token.id}-${id}-${d.holder}`)
      if (!snapshot || !ent || ent.claimed || ent.expired) return
      ent.claimed = true
      ent.claimedAt = new Date(d.tx.block.timestamp)
      ent.claimTxHash = d.tx.hash
      this.book.entitlements.put(ent)
      snapshot.claimedTotal += ent.amount
      this.book.snapshots.put(snapshot)
      token.claimedTotal += ent.amount
      this.book.claims.push(
        new RevenueClaim({
          id: `${txId(d.tx)}-${i}`,
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
        id: txId(d.tx),
        token,
        holder: this.accounts.get(d.holder),
        burned: d.amount,
        paid,
        ...txEvidence(d.tx),
      }),
    )
  }
}
