/**
 * Addresses found on chain that the processor must subscribe to: the model tokens the factory
 * creates, and each vault's asset (whose transfers to and from the vault carry a plain vault's
 * yield). The SDK cannot add an address to a running subscription, so a batch that finds a new one
 * is not committed: the processor records the find and starts a new subscription with it, which
 * replays that batch from its first block (docs/processor.md, "Following new addresses").
 */
export type FollowedStandard = 'DEAI' | 'ERC7641'

export interface Followed {
  /** model tokens: address -> standard */
  tokens: Map<string, FollowedStandard>
  /** vault -> its asset */
  vaultAssets: Map<string, string>
}

export type Discovery =
  | { kind: 'token'; address: string; standard: FollowedStandard; fromBlock: number }
  | { kind: 'vaultAsset'; vault: string; address: string; fromBlock: number }

export function emptyFollowed(): Followed {
  return { tokens: new Map(), vaultAssets: new Map() }
}

export class Follows {
  readonly discovered: Discovery[] = []

  constructor(
    readonly followed: Followed = emptyFollowed(),
    /** the subscription takes every address's token topics: tokens need no following */
    private readonly allTokens = false,
  ) {}

  /** Notes a token the subscription lacks; true when it is already followed. */
  token(address: string, standard: FollowedStandard, fromBlock: number): boolean {
    if (this.allTokens || this.followed.tokens.get(address) === standard) return true
    if (!this.discovered.some((d) => d.kind === 'token' && d.address === address))
      this.discovered.push({ kind: 'token', address, standard, fromBlock })
    return false
  }

  /** Notes a vault's asset the subscription lacks; true when it is already followed. */
  vaultAsset(vault: string, asset: string, fromBlock: number): boolean {
    if (this.followed.vaultAssets.get(vault) === asset) return true
    if (!this.discovered.some((d) => d.kind === 'vaultAsset' && d.vault === vault))
      this.discovered.push({ kind: 'vaultAsset', vault, address: asset, fromBlock })
    return false
  }
}

/** Thrown after the load phase of a batch that found addresses to follow: the batch must not commit. */
export class FollowRestart extends Error {
  constructor(readonly discoveries: Discovery[]) {
    super(`following ${discoveries.length} new address(es): ${discoveries.map((d) => d.address).join(', ')}`)
  }
}
