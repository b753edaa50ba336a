import type { Hex } from 'viem'
import { OPERATOR_FEE_BPS, PROTOCOL_FEE_BPS } from './deploy'
import { provenance } from './dataProvenance'
import { DAY, DEMO_START, type DemoSize, type SimResult } from './economy'
import { gpuFleet } from './fleet'
import { modelTokens } from './modelMarket'
import { revenueShares } from './revenueShares'
import { financingVault } from './vaultFlows'
import { createWorld } from './world'
import { injectMalformedLogs, type MalformedCase } from './malformed'
import { Rng } from './rng'
import { TxBatch } from './txbatch'

/**
 * Plays a deterministic economy in simulated time: a GPU fleet with daily usage epochs and revenue
 * splits, a financing vault, model offerings with inference revenue and snapshots, and training-data
 * provenance with rewards (one part each, played day by day in a fixed order); plus malformed logs from
 * a raw emitter, which the processor must reject (docs/processor.md).
 * Same seed and size, same chain (block hashes included).
 */

const SIZES = {
  small: { gpus: 6, days: 10, contributorsPerVersion: 3, callsPerDay: 4 },
  medium: { gpus: 24, days: 28, contributorsPerVersion: 6, callsPerDay: 16 },
  large: { gpus: 120, days: 60, contributorsPerVersion: 12, callsPerDay: 60 },
} as const

export async function simulate(
  chain: TxBatch,
  opts: { seed: number; size: DemoSize; start?: number },
): Promise<SimResult> {
  const size = SIZES[opts.size]
  const start = opts.start ?? DEMO_START
  const w = await createWorld(chain, new Rng(opts.seed), start, size)
  const gpus = gpuFleet(w)
  const vault = financingVault(w)
  const models = modelTokens(w)
  const data = provenance(w)
  const shares = revenueShares(w)
  const malformed: MalformedCase[] = []
  // each day in the same order of parts, so the same seed gives the same chain
  for (let day = 0; day <= size.days; day++) {
    await gpus.day(day)
    await vault.day(day)
    await models.day(day)
    await data.day(day)
    await shares.day(day)
    // One day before the end, a hostile emitter speaks at our addresses; valid events continue after it.
    if (day === size.days - 1) {
      const ids = data.ids
      malformed.push(...(await injectMalformedLogs(chain, w.d, w.at(day, 18), { knownGpu: gpus.gpus[0].gpuId, ids })))
    }
  }

  const head = await chain.rpc<{ number: Hex; hash: Hex }>('eth_getBlockByNumber', ['latest', false])
  return {
    deployment: w.d,
    accounts: w.accounts,
    start,
    end: start + (size.days + 1) * DAY,
    gpus: gpus.gpus,
    usage: gpus.usage,
    revaluations: gpus.revaluations,
    transfers: gpus.transfers,
    malformed,
    tokens: models.tokens,
    offerings: models.offerings,
    requests: models.requests,
    ids: data.ids,
    contributions: data.contributions(),
    rewards: data.rewards(),
    txs: chain.sent,
    headBlock: Number(head.number),
    headHash: head.hash,
  }
}

export { OPERATOR_FEE_BPS, PROTOCOL_FEE_BPS }
export * from './economy'
