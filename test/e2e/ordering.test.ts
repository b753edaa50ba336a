import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { testChain } from '../helpers/chain'
import { freshDatabase } from '../helpers/db'
import { runProcessor, writeTempConfig } from '../helpers/processor'

/**
 * Orderings as an analyst sorts them, on the medium economy (24 GPUs: ties in valuation between
 * one- and two-digit ids, where text order and numeric order differ).
 */
let anvil: Anvil
let sim: SimResult
let api: ApiServer

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  sim = await simulate(t.chain, { seed: 42, size: 'medium' })
  const db = await freshDatabase('ordering')
  const config = { ...networkConfigFor(sim.deployment, anvil.url), toBlock: sim.headBlock }
  const r = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: db })
  if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
  api = await startApiServer({ databaseUrl: db, port: 0 })
})
afterAll(async () => {
  await api?.close()
  await anvil?.stop()
})

async function data(query: string): Promise<any> {
  const r = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  })
  const j: any = await r.json()
  if (j.errors) throw new Error(JSON.stringify(j.errors))
  return j.data
}

/** The plan's GPUs by valuation, ties by numeric id, in the given direction. */
const byValuation = (dir: 'ASC' | 'DESC') =>
  [...sim.gpus]
    .sort((a, b) => {
      const v = a.valuation === b.valuation ? 0 : a.valuation < b.valuation ? -1 : 1
      const i = a.gpuId === b.gpuId ? 0 : a.gpuId < b.gpuId ? -1 : 1
      return (dir === 'ASC' ? 1 : -1) * (v !== 0 ? v : i)
    })
    .map((g) => g.gpuId.toString())

it('breaks ties by the numeric id, in both directions and across pages', async () => {
  // the case at hand: equal valuations between ids of one and two digits
  const tied = sim.gpus.filter((g) => sim.gpus.some((h) => h !== g && h.valuation === g.valuation))
  expect(tied.some((g) => g.gpuId < 10n) && tied.some((g) => g.gpuId >= 10n)).toBe(true)
  for (const dir of ['ASC', 'DESC'] as const) {
    const all = (await data(`{ gpus(orderBy: VALUATION, direction: ${dir}) { nodes { gpuId } } }`)).gpus.nodes
    expect(all.map((g: any) => g.gpuId)).toEqual(byValuation(dir))
    const paged: string[] = []
    let after: string | null = null
    do {
      const pg: any = (
        await data(
          `{ gpus(orderBy: VALUATION, direction: ${dir}, first: 5${after ? `, after: "${after}"` : ''}) { nodes { gpuId } pageInfo { endCursor hasNextPage } } }`,
        )
      ).gpus
      paged.push(...pg.nodes.map((n: any) => n.gpuId))
      after = pg.pageInfo.hasNextPage ? pg.pageInfo.endCursor : null
    } while (after)
    expect(paged).toEqual(byValuation(dir))
  }
})
