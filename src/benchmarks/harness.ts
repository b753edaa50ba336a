import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { PROJECT_ROOT } from '../config/env'
import { type Anvil, startAnvil } from '../demo/anvil'
import { type EmbeddedDb, startEmbeddedPostgres } from '../postgres/embedded'
import { startApiServer } from '../api/server'
import type { BulkChain } from './bulkChain'
import { postQuery } from './load'

/** A fresh anvil and embedded Postgres in a temporary directory, for one benchmark run (`keep`: leave the folder, for its logs). */
export interface BenchEnv {
  work: string
  anvil: Anvil
  pg: EmbeddedDb
  stop(): Promise<void>
}

export async function benchEnv(
  name: string,
  genesisTimestamp: number,
  portBase: number,
  opts: { keep?: boolean } = {},
): Promise<BenchEnv> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `deai-bench-${name}-`))
  fs.chmodSync(work, 0o755)
  const anvil = await startAnvil({ port: portBase + (process.pid % 40), genesisTimestamp, archive: true })
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(work, 'pg'),
    port: portBase + 100 + (process.pid % 40),
    statementStats: process.env.DEAI_BENCH_PG_STATEMENTS === '1',
  })
  return {
    work,
    anvil,
    pg,
    async stop() {
      await pg.stop()
      await anvil.stop()
      if (!opts.keep) fs.rmSync(work, { recursive: true, force: true })
    },
  }
}

/**
 * Writes the network file for indexing the chain from block 0 to its head (finality 1); returns its
 * path. `on`: another chain than the environment's anvil (its chain id and RPC).
 */
export function networkFile(env: BenchEnv, chain: BulkChain, on?: { chainId: number; rpcUrl: string }): string {
  const cfg = path.join(env.work, on ? `network-${on.chainId}.json` : 'network.json')
  fs.writeFileSync(
    cfg,
    JSON.stringify({
      name: on ? `bench-${on.chainId}` : 'bench',
      chainId: on?.chainId ?? 31337,
      rpcUrl: on?.rpcUrl ?? env.anvil.url,
      gatewayUrl: null,
      finalityConfirmation: 1,
      fromBlock: 0,
      toBlock: chain.headBlock,
      contracts: chain.contracts,
    }),
  )
  return cfg
}

/** Indexes the chain from block 0 to its head with our processor (a child process); returns seconds. */
export function indexChain(env: BenchEnv, chain: BulkChain, extraEnv: Record<string, string> = {}): number {
  const cfg = networkFile(env, chain)
  const t0 = Date.now()
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'lib', 'processor', 'main.js')], {
    env: {
      ...process.env,
      NETWORK_CONFIG: cfg,
      DATABASE_URL: env.pg.url,
      PROCESSOR_PROMETHEUS_PORT: '0',
      ...extraEnv,
    },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  })
  if (r.status !== 0) throw new Error(`processor exited ${r.status}:\n${(r.stdout + r.stderr).slice(-3000)}`)
  return (Date.now() - t0) / 1000
}

/**
 * The API on the bench database, with the summed duration of its SQL statements since `reset()`.
 * Without the response cache unless asked (`cacheBytes`): the
 * API benchmarks measure what a query costs to compute; bench:cache compares the two.
 */
export async function benchApi(env: BenchEnv, opts: { cacheBytes?: number } = {}) {
  let sqlMs = 0
  let statements = 0
  let lastQueryAt = 0
  const api = await startApiServer({
    databaseUrl: env.pg.url,
    port: 0,
    cacheBytes: opts.cacheBytes ?? 0,
    onQuery: (_sql, ms) => {
      sqlMs += ms
      statements++
      lastQueryAt = performance.now()
    },
  })
  return {
    url: api.url,
    close: () => api.close(),
    /**
     * Runs a query `runs` times in a row, alone: mean SQL time (the pool hook's sum per request),
     * mean request time, statements per request, and the last answer. A GraphQL error is returned,
     * not thrown (a refused query is a result too).
     */
    async alone(query: string, runs: number) {
      sqlMs = 0
      statements = 0
      let httpMs = 0
      let body: Awaited<ReturnType<typeof postQuery>> = {}
      for (let i = 0; i < runs; i++) {
        const t = performance.now()
        body = await postQuery(api.url, query)
        httpMs += performance.now() - t
        if (body.errors) return { error: body.errors[0].message }
      }
      const round = (x: number) => Number(x.toFixed(2))
      return {
        sqlMs: round(sqlMs / runs),
        requestMs: round(httpMs / runs),
        statements: statements / runs,
        data: body.data,
      }
    },
    /** Waits until no statement has finished for `ms` (requests left over from a load test drain first). */
    async quiet(ms: number) {
      for (;;) {
        const before = lastQueryAt
        await new Promise((r) => setTimeout(r, ms))
        if (lastQueryAt === before) return
      }
    },
  }
}
