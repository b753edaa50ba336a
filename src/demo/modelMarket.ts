import type { Address } from 'viem'
import { type SimOffering, type SimResult, TOKEN, USD } from './economy'
import type { World } from './world'

/**
 * Model tokens: three offerings (one oversubscribed, one failed, one exactly at target), inference
 * on the two live models, revenue snapshots every third day, claims, transfers and a burn-redeem.
 */
export function modelTokens(w: World) {
  const { chain, rng, at, d, admin, size, investors, creators, callers, provider } = w
  const { factory, router } = w.c
  // Model offerings: model 1 oversubscribed, model 2 fails, model 3 exactly at target.
  const offerings: SimOffering[] = [
    {
      name: 'Llama-Garden 8B',
      symbol: 'LG8',
      supply: 1_000_000n * TOKEN,
      sale: 400_000n * TOKEN,
      target: 100_000n * USD,
      bps: 6000,
      creator: creators[0],
      deposits: [40_000n, 35_000n, 30_000n, 25_000n],
    },
    {
      name: 'Vision-Mix 2B',
      symbol: 'VMX',
      supply: 500_000n * TOKEN,
      sale: 250_000n * TOKEN,
      target: 200_000n * USD,
      bps: 5000,
      creator: creators[1],
      deposits: [20_000n, 15_000n],
    },
    {
      name: 'Code-Owl 1B',
      symbol: 'OWL',
      supply: 200_000n * TOKEN,
      sale: 100_000n * TOKEN,
      target: 50_000n * USD,
      bps: 8000,
      creator: creators[2],
      deposits: [30_000n, 20_000n],
    },
  ]
  const tokens: Address[] = []
  const requests: SimResult['requests'] = []
  const pendingRequests: bigint[] = []
  let requestCount = 0n
  const revenueSinceSnapshot = [0n, 0n, 0n]
  const snapshotsTaken = [0, 0, 0]

  async function day(day: number) {
    // 08:00 model offerings: created day 0, deposits days 0-2, finalized day 3, claims day 4.
    if (day === 0) {
      for (const o of offerings) {
        await factory.call(o.creator, 'createModel', [
          { name: o.name, symbol: o.symbol, totalSupply: o.supply, claimableBps: o.bps, revenueAsset: d.stablecoin },
          {
            tokensForSale: o.sale,
            target: o.target,
            raiseAsset: d.stablecoin,
            startTime: BigInt(at(0, 8)),
            endTime: BigInt(at(3, 0)),
          },
        ])
      }
      await chain.mine(at(0, 8))
      for (let m = 1; m <= offerings.length; m++) {
        tokens.push(
          (
            (await chain.read<Address>(d.modelTokenFactory, 'ModelTokenFactory', 'tokenOf', [BigInt(m)])) as string
          ).toLowerCase() as Address,
        )
      }
    }
    if (day <= 2) {
      for (let m = 0; m < offerings.length; m++) {
        const o = offerings[m]
        for (let k = 0; k < o.deposits.length; k++) {
          if (k % 3 !== day) continue
          await factory.call(investors[(m + k) % investors.length], 'deposit', [BigInt(m + 1), o.deposits[k] * USD])
        }
      }
      await chain.mine(at(day, 9))
    }
    if (day === 3) {
      for (let m = 1; m <= offerings.length; m++) await factory.call(admin, 'finalize', [BigInt(m)])
      await chain.mine(at(day, 8))
    }
    if (day === 4) {
      for (let m = 0; m < offerings.length; m++) {
        const o = offerings[m]
        const investorsOf = new Set(o.deposits.map((_, k) => investors[(m + k) % investors.length]))
        for (const i of investorsOf) await factory.call(i, 'claim', [BigInt(m + 1)])
      }
      await chain.mine(at(day, 9))
    }

    // 10:00-20:00 inference on the two live models; most requests are answered within hours.
    if (day >= 4) {
      for (let k = 0; k < size.callsPerDay; k++) {
        const m = rng.chance(0.7) ? 1 : 3
        const fee = BigInt(rng.int(200_000, 3_000_000))
        const caller = rng.pick(callers)
        await router.call(caller, 'request', [BigInt(m), fee])
        requests.push({ modelId: m, caller, fee, day, fulfilled: false })
        revenueSinceSnapshot[m - 1] += fee
        pendingRequests.push(++requestCount)
      }
      await chain.mine(at(day, 10))
      const answered = pendingRequests.splice(0, pendingRequests.length).filter((r) => r % 7n !== 3n)
      for (const r of answered) {
        await router.call(provider, 'fulfill', [r, rng.bytes32()])
        requests[Number(r) - 1].fulfilled = true
      }
      await chain.mine(at(day, 10 + rng.int(1, 10)))
    }

    // 21:00 snapshots every third day, claims and token moves the day after.
    if (day >= 5 && day % 3 === 2) {
      for (const m of [1, 3]) {
        if (revenueSinceSnapshot[m - 1] === 0n) continue
        await chain.call(offerings[m - 1].creator, tokens[m - 1], 'ModelToken', 'snapshot', [])
        revenueSinceSnapshot[m - 1] = 0n
        snapshotsTaken[m - 1]++
      }
      await chain.mine(at(day, 21))
    }
    if (day >= 6 && day % 3 === 0 && snapshotsTaken[0] > 0) {
      // The two largest depositors of model 1 claim the newest snapshot.
      for (const i of [investors[0], investors[1]])
        await chain.call(i, tokens[0], 'ModelToken', 'claim', [BigInt(snapshotsTaken[0])])
      await chain.mine(at(day, 22))
    }
    if (day === 6) {
      await chain.call(investors[0], tokens[0], 'ModelToken', 'transfer', [investors[6], 10_000n * TOKEN])
      await chain.call(offerings[0].creator, tokens[0], 'ModelToken', 'transfer', [investors[7], 50_000n * TOKEN])
      await chain.mine(at(day, 23))
    }
    if (day === 9) {
      await chain.call(investors[6], tokens[0], 'ModelToken', 'burnRedeem', [4_000n * TOKEN])
      await chain.mine(at(day, 23))
    }
  }
  return { offerings, tokens, requests, day }
}
