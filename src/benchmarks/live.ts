import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'
import { networkConfigFor } from '../demo/deploy'
import { DEMO_START, simulate } from '../demo/simulate'
import { TxBatch } from '../demo/txbatch'
import { benchEnv } from './harness'
import { loadTest, postQuery, type LoadResult } from './load'
import { writeResult } from './machine'

/**
 * Subscription fan-out (bench/README.md): the small demo economy indexed live by the processor,
 * the API in its own process, a block mined every second (each moving a GPU, so live queries of
 * the first GPUs change every block). An ordinary query's latency under autocannon is measured
 * without subscriptions, then with SUBSCRIPTIONS of them held over CONNECTIONS WebSockets: half
 * `indexerStatus`, half live queries of the first GPUs (LIVE_VARIANTS documents). Also: pushes
 * received, and how long after a block was mined its pushes arrived.
 * Usage: node lib/benchmarks/live.js [subscriptions=1000] [connections=50] [seconds=20]
 */
const SUBSCRIPTIONS = Number(process.argv[2] ?? 1000)
const CONNECTIONS = Number(process.argv[3] ?? 50)
const SECONDS = Number(process.argv[4] ?? 20)
const LOAD_CONNECTIONS = 16
const LIVE_VARIANTS = 5

function node(script: string, env: Record<string, string>, log: string): ChildProcess {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const out = fs.createWriteStream(log)
  child.stdout!.pipe(out)
  child.stderr!.pipe(out)
  return child
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]) : null
}

async function main() {
  const env = await benchEnv('live', DEMO_START, 19400, { keep: true })
  const lib = path.resolve(__dirname, '..')
  const procs: ChildProcess[] = []
  const clients: Client[] = []
  let mining: NodeJS.Timeout | undefined
  try {
    const chain = new TxBatch(env.anvil.url)
    await chain.init()
    const sim = await simulate(chain, { seed: 7, size: 'small' })
    const cfg = path.join(env.work, 'network.json')
    fs.writeFileSync(cfg, JSON.stringify(networkConfigFor(sim.deployment, env.anvil.url, 5)))
    procs.push(
      node(
        path.join(lib, 'processor', 'main.js'),
        { NETWORK_CONFIG: cfg, DATABASE_URL: env.pg.url, PROCESSOR_PROMETHEUS_PORT: '0' },
        path.join(env.work, 'processor.log'),
      ),
    )
    const port = 19450 + (process.pid % 40)
    procs.push(
      node(
        path.join(lib, 'api', 'main.js'),
        { DATABASE_URL: env.pg.url, GQL_PORT: String(port) },
        path.join(env.work, 'api.log'),
      ),
    )
    const url = `http://127.0.0.1:${port}`
    for (;;) {
      const r = await postQuery(url, '{ indexerStatus { indexedHeight } }').catch(() => null)
      if ((r?.data?.indexerStatus?.indexedHeight ?? -1) >= sim.headBlock) break
      await new Promise((r) => setTimeout(r, 200))
    }

    // a block a second, each moving GPU 1 between two accounts
    const gpu = sim.gpus.find((g) => g.gpuId === 1n)!
    const other = sim.accounts[31]
    let owner = (await postQuery(url, `{ gpu(id: "1") { owner { address } } }`)).data!.gpu.owner.address
    let t = sim.end
    const minedAt = new Map<number, number>()
    const mineOne = async () => {
      const to = owner === other ? gpu.owner : other
      await chain.call(owner as `0x${string}`, sim.deployment.gpuRegistry, 'GpuRegistry', 'transferFrom', [
        owner,
        to,
        gpu.gpuId,
      ])
      owner = to
      t += 60
      await chain.mine(t)
      const n = Number(await chain.rpc<string>('eth_blockNumber', []))
      minedAt.set(n, Date.now())
    }
    let busy = false
    mining = setInterval(() => {
      if (busy) return
      busy = true
      void mineOne().finally(() => (busy = false))
    }, 1000)

    const ordinary = `{ gpus(first: 50) { totalCount nodes { id sku owner { address } transfers { to { address } } } } }`
    console.log('load without subscriptions…')
    const without = await loadTest(url, ordinary, LOAD_CONNECTIONS, SECONDS)
    console.log(`  ${JSON.stringify(without)}`)

    // the subscriptions, spread over the connections
    const latencies: number[] = []
    let pushes = 0
    let errors = 0
    let opened = 0
    for (let c = 0; c < CONNECTIONS; c++) {
      const client = createClient({ url: url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket })
      clients.push(client)
      const per = Math.ceil(SUBSCRIPTIONS / CONNECTIONS)
      for (let i = 0; i < per && opened < SUBSCRIPTIONS; i++, opened++) {
        const live = opened % 2 === 1
        const query = live
          ? `query Gpus${opened % LIVE_VARIANTS} @live { gpus(first: ${1 + (opened % LIVE_VARIANTS)}) { nodes { id owner { address } } } }`
          : `subscription { indexerStatus { indexedHeight } }`
        let seen = -1
        client.subscribe(
          { query },
          {
            next: (r: any) => {
              pushes++
              const h = r.data?.indexerStatus?.indexedHeight
              if (h != null && h !== seen && minedAt.has(h)) latencies.push(Date.now() - minedAt.get(h)!)
              seen = h ?? seen
            },
            error: () => errors++,
            complete: () => {},
          },
        )
      }
    }
    await new Promise((r) => setTimeout(r, 3000)) // all subscribed and their first pushes in
    const pushes0 = pushes
    console.log(`load with ${opened} subscriptions over ${CONNECTIONS} connections…`)
    const withSubs: LoadResult = await loadTest(url, ordinary, LOAD_CONNECTIONS, SECONDS)
    const pushesPerSec = Math.round((pushes - pushes0) / SECONDS)
    console.log(`  ${JSON.stringify(withSubs)}; ${pushesPerSec} pushes/s, ${errors} subscription errors`)

    const summary = {
      ordinaryQuery: ordinary,
      withoutSubscriptions: without,
      withSubscriptions: withSubs,
      p99Ratio: without.p99 && withSubs.p99 ? Number((withSubs.p99 / without.p99).toFixed(2)) : null,
      pushesPerSec,
      subscriptionErrors: errors,
      // from a block mined to its indexerStatus push arriving (processor indexing included)
      statusPushAfterBlockMs: { p50: pct(latencies, 0.5), p95: pct(latencies, 0.95), p99: pct(latencies, 0.99) },
    }
    console.log(JSON.stringify(summary, null, 2))
    writeResult('live-fanout', {
      parameters: {
        economy: 'small (seed 7)',
        subscriptions: opened,
        connections: CONNECTIONS,
        mix: `half indexerStatus, half live queries of gpus(first: 1…${LIVE_VARIANTS})`,
        blocksPerSec: 1,
        loadConnections: LOAD_CONNECTIONS,
        seconds: SECONDS,
        note: 'API in its own process; processor following the chain; autocannon and the WebSocket clients in the bench process',
      },
      ...summary,
    })
  } finally {
    if (mining) clearInterval(mining)
    for (const c of clients) await c.dispose()
    for (const p of procs) p.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 1000))
    await env.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
