import type { Address } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { simulate, type SimResult } from '../../src/demo/simulate'
import type { TxBatch } from '../../src/demo/txbatch'
import { topicsOf } from '../../src/contracts/abis'
import { addressesOf, CONFIGURED_ROLES } from '../../src/contracts/roles'
import { testChain } from '../helpers/chain'
import { freshDatabase, query } from '../helpers/db'
import { runProcessor, writeTempConfig } from '../helpers/processor'
import { type RpcCall, startFaultProxy } from '../helpers/rpcFaults'

/**
 * The subscription takes the logs of our addresses and nothing else (docs/processor.md, "Following new
 * addresses"). The small economy runs among other tokens' traffic: transfers of two foreign ERC-20s
 * (the same Transfer topic as a model token's) and transfers of dUSD, the vault's asset, that do not
 * touch the vault. The handler must receive exactly the logs of the configured contracts, of the
 * tokens the factory created, and the dUSD transfers to or from the vault, counted here from the chain.
 * The processor reaches the node through a recording proxy: no foreign log may cross the wire either
 * (filtered eth_getLogs, src/sdk/logFilters.ts), as the chain ends in quiet blocks (hot blocks, the
 * last finalityConfirmation ones, are fetched whole). The standalone ERC-7641 token is left out of
 * the network file here: its transactions make the SDK fetch every block's receipts, logs included
 * (docs/processor.md, "What is fetched"); test/e2e/erc7641.test.ts covers it.
 */
let anvil: Anvil
let chain: TxBatch
let sim: SimResult
let output: string
let db: string
/** every log the node sent the processor in answer to eth_getLogs */
const wire: { address: string; topics: string[] }[] = []
const FOREIGN_BLOCKS = 20
const FOREIGN_PER_BLOCK = 30

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  chain = t.chain
  sim = await simulate(chain, { seed: 5, size: 'small' })
  const [admin, ...others] = t.accounts
  const foreign: Address[] = [
    await chain.deploy(admin, 'TestToken', ['Other', 'OTH', 18]),
    await chain.deploy(admin, 'TestToken', ['Another', 'ANO', 6]),
  ]
  await chain.mine(sim.end + 60)
  const investors = sim.accounts.filter((a) => a !== admin)
  for (let b = 0; b < FOREIGN_BLOCKS; b++) {
    for (let i = 0; i < FOREIGN_PER_BLOCK; i++) {
      await chain.call(admin, foreign[i % 2], 'TestToken', 'transfer', [others[i % others.length], 1000n + BigInt(i)])
    }
    // dUSD moving between investors, not through the vault
    await chain.call(investors[b % investors.length], sim.deployment.stablecoin, 'Stablecoin', 'transfer', [
      investors[(b + 1) % investors.length],
      1n,
    ])
    await chain.mine(sim.end + 120 + b * 60)
  }
  for (let b = 0; b < 8; b++) await chain.mine(sim.end + 120 + (FOREIGN_BLOCKS + b) * 60)
  const head = Number((await chain.rpc<{ number: string }>('eth_getBlockByNumber', ['latest', false])).number)
  db = await freshDatabase('follow')
  const proxy = await startFaultProxy(
    anvil.url,
    { seed: 1, rate: 0, kinds: [] },
    (calls: RpcCall[], answers: unknown[]) => {
      const byId = new Map((answers as { id: unknown; result?: unknown }[]).map((a) => [a.id, a.result]))
      for (const c of calls) if (c.method === 'eth_getLogs') wire.push(...(byId.get(c.id) as typeof wire))
    },
  )
  const config = { ...networkConfigFor(sim.deployment, proxy.url), modelTokens: [], toBlock: head }
  const r = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: db })
  await proxy.close()
  if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
  output = r.output
}, 300_000)

afterAll(async () => {
  await anvil?.stop()
})

const getLogs = (filter: object) =>
  chain.rpc<{ address: string }[]>('eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest', ...filter }])

it('hands the handler the logs of our addresses only, however much else the chain carries', async () => {
  const config = networkConfigFor(sim.deployment, anvil.url)
  // each address with its role's topics (a log of another topic at our address is not asked for)
  const wanted: [string, string[]][] = [
    ...CONFIGURED_ROLES.flatMap((r) =>
      addressesOf(config.contracts, r).map((a): [string, string[]] => [a, topicsOf(r)]),
    ),
    ...sim.tokens.map((t): [string, string[]] => [t, topicsOf('modelToken')]),
  ]
  let ours = 0
  for (const [address, topics] of wanted) ours += (await getLogs({ address, topics: [topics] })).length
  const vault = `0x${sim.deployment.gpuVault.slice(2).toLowerCase().padStart(64, '0')}`
  const TRANSFER = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'
  for (const topics of [
    [TRANSFER, vault],
    [TRANSFER, null, vault],
  ])
    ours += (await getLogs({ address: sim.deployment.stablecoin, topics })).length
  const all = (await getLogs({})).length
  expect(all - ours).toBeGreaterThanOrEqual(FOREIGN_BLOCKS * (FOREIGN_PER_BLOCK + 1))

  const lines = output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l))
  // the processor's count over its committed batches, written when it reaches toBlock
  const [done] = lines.filter((l) => l.msg === 'reached toBlock')
  expect(done.logsReceived).toBe(ours)
  // over the wire: our logs (some twice, as a replayed batch is fetched again), no other
  const isOurs = new Set(wanted.map(([a]) => a.toLowerCase()))
  const foreignOnWire = wire.filter(
    (l) =>
      !isOurs.has(l.address.toLowerCase()) &&
      !(l.address.toLowerCase() === sim.deployment.stablecoin.toLowerCase() && l.topics.slice(1, 3).includes(vault)),
  )
  expect(wire.length).toBeGreaterThanOrEqual(ours)
  expect(foreignOnWire).toEqual([])
  // the subscription was replaced to follow what was found: the vault's asset and the factory's tokens
  const follows = lines.filter((l) => l.follow).flatMap((l) => l.follow.map((f: { address: string }) => f.address))
  expect(follows).toEqual(expect.arrayContaining([sim.deployment.stablecoin.toLowerCase(), ...sim.tokens]))
})

it('indexes every token the factory created from its first log, across the replays that follow them', async () => {
  for (const token of sim.tokens) {
    const [row] = await query(db, `SELECT count(*)::int AS n FROM holder_balance_change WHERE token_id = $1`, [
      `31337:${token}`,
    ])
    const transfers = await getLogs({
      address: token,
      topics: ['0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'],
    })
    // one change per side of each transfer, minus the zero address's side of mints and burns
    const zero = '0x' + '0'.repeat(64)
    const sides = (transfers as unknown as { topics: string[] }[]).reduce(
      (n, l) => n + (l.topics[1] === zero ? 0 : 1) + (l.topics[2] === zero ? 0 : 1),
      0,
    )
    expect(sides).toBeGreaterThan(0)
    expect(row.n).toBe(sides)
  }
})
