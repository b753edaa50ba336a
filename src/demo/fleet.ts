import { DAY, label, type SimGpu, type SimResult, type SimUsage, USD } from './economy'
import type { World } from './world'

const SKUS = [
  { sku: 'H100-SXM-80GB', valuation: 30_000n * USD, ratePerHour: 2_200_000n },
  { sku: 'H200-SXM-141GB', valuation: 38_000n * USD, ratePerHour: 3_100_000n },
  { sku: 'A100-80GB', valuation: 15_000n * USD, ratePerHour: 1_300_000n },
  { sku: 'L40S-48GB', valuation: 9_000n * USD, ratePerHour: 850_000n },
]
const REGIONS = ['us-east', 'eu-west', 'ap-south']

/**
 * The GPU fleet: registrations (most on day 0, the last two later), a maintenance window, a
 * retirement, an ownership transfer and a revaluation; every day the operators report yesterday's
 * usage (a few twice: the second is a correction) and pay out its revenue.
 */
export function gpuFleet(w: World) {
  const { chain, rng, at, d, admin, start, size, investors, operators } = w
  const { registry, ledger } = w.c
  // The fleet: most GPUs on day 0, the last two later (their yield windows start late).
  const gpus: SimGpu[] = []
  for (let i = 1; i <= size.gpus; i++) {
    const s = SKUS[(i - 1) % SKUS.length]
    const late = i > size.gpus - 2
    gpus.push({
      gpuId: BigInt(i),
      sku: s.sku,
      region: REGIONS[(i - 1) % REGIONS.length],
      operator: operators[(i - 1) % operators.length],
      owner: investors[(i - 1) % investors.length],
      valuation: s.valuation,
      registeredDay: late ? (i === size.gpus ? 4 : 2) : 0,
      retiredDay: null,
    })
  }
  const rateOf = (g: SimGpu) => SKUS.find((s) => s.sku === g.sku)!.ratePerHour
  const retiring = gpus[2] // retired two thirds in
  const retireDay = Math.floor((size.days * 2) / 3)
  retiring.retiredDay = retireDay
  const maintenanceGpu = gpus[1]
  const transferred = gpus[1]
  const revalued = gpus[0]

  const usage: SimUsage[] = []
  const revaluations: SimResult['revaluations'] = []
  const transfers: SimResult['transfers'] = []
  const status = new Map<bigint, number>()

  async function day(day: number) {
    // 01:00 registrations, status changes, revaluation and the ownership transfer.
    for (const g of gpus.filter((g) => g.registeredDay === day)) {
      await registry.call(admin, 'register', [
        g.gpuId,
        g.owner,
        g.operator,
        label(g.sku),
        label(g.region),
        g.valuation,
        d.stablecoin,
      ])
      status.set(g.gpuId, 0)
    }
    if (day === 3) {
      await registry.call(maintenanceGpu.operator, 'setStatus', [maintenanceGpu.gpuId, 1])
      status.set(maintenanceGpu.gpuId, 1)
    }
    if (day === 4) {
      await registry.call(maintenanceGpu.operator, 'setStatus', [maintenanceGpu.gpuId, 0])
      status.set(maintenanceGpu.gpuId, 0)
    }
    if (day === retireDay) {
      await registry.call(admin, 'setStatus', [retiring.gpuId, 3])
      status.set(retiring.gpuId, 3)
    }
    if (day === 5) {
      const to = investors[investors.length - 1]
      await chain.call(transferred.owner, d.gpuRegistry, 'GpuRegistry', 'transferFrom', [
        transferred.owner,
        to,
        transferred.gpuId,
      ])
      transfers.push({ gpuId: transferred.gpuId, from: transferred.owner, to, day })
      transferred.owner = to
    }
    await chain.mine(at(day, 1))

    // 02:00 usage of yesterday's epoch; a few are reported twice (the second is a correction).
    const corrections: SimUsage[] = []
    if (day > 0) {
      const epoch = day - 1
      for (const g of gpus) {
        if (g.registeredDay > epoch || (g.retiredDay != null && epoch >= g.retiredDay)) continue
        let availableSec = DAY
        if (g === maintenanceGpu && epoch === 3) availableSec = DAY - 6 * 3600
        const rentedSec = Math.floor(availableSec * (0.55 + 0.4 * rng.next()))
        const u: SimUsage = {
          gpuId: g.gpuId,
          epoch,
          epochStart: start + epoch * DAY,
          availableSec,
          rentedSec,
          gross: grossOf(rentedSec, rateOf(g)),
          corrected: false,
        }
        await ledger.call(g.operator, 'reportUsage', [
          g.gpuId,
          BigInt(epoch),
          BigInt(u.epochStart),
          DAY,
          availableSec,
          rentedSec,
          u.gross,
          d.stablecoin,
        ])
        usage.push(u)
        if (rng.chance(0.08)) corrections.push(u)
      }
    }
    await chain.mine(at(day, 2))
    for (const u of corrections) {
      const g = gpus.find((x) => x.gpuId === u.gpuId)!
      u.rentedSec = Math.floor(u.rentedSec * 0.9)
      u.gross = grossOf(u.rentedSec, rateOf(g))
      u.corrected = true
      await ledger.call(g.operator, 'reportUsage', [
        g.gpuId,
        BigInt(u.epoch),
        BigInt(u.epochStart),
        DAY,
        u.availableSec,
        u.rentedSec,
        u.gross,
        d.stablecoin,
      ])
    }
    await chain.mine(at(day, 3))
    // 04:00 revenue of yesterday's epoch is paid out to the GPU owners.
    for (const u of usage.filter((x) => x.epoch === day - 1)) {
      await ledger.call(gpus[Number(u.gpuId) - 1].operator, 'distribute', [u.gpuId, BigInt(u.epoch)])
    }
    await chain.mine(at(day, 4))

    // 12:00 one GPU is revalued mid-day.
    if (day === 5) {
      const v = (revalued.valuation * 85n) / 100n
      await registry.call(admin, 'revalue', [revalued.gpuId, v])
      revaluations.push({ gpuId: revalued.gpuId, day, valuation: v })
      revalued.valuation = v
      await chain.mine(at(day, 12))
    }
  }
  return { gpus, usage, revaluations, transfers, day }
}

function grossOf(rentedSec: number, ratePerHour: bigint): bigint {
  return (BigInt(rentedSec) * ratePerHour) / 3600n
}
