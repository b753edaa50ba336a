import { type ChildProcess, fork } from 'node:child_process'
import readline from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { processorEnv } from '../config/env'
import { loadNetworkConfig } from '../config/network'
import { ConfigError, exitOnError } from '../config/errors'
import { logSecrets } from '../config/redact'
import { Heartbeat, type HeartbeatState } from './heartbeat'

/**
 * `npm run processor` is a small supervisor around the real processor (the worker). The SDK ends
 * the process on any error it cannot retry, such as Postgres restarting or not up yet. Every batch
 * commits its data and its position in one transaction, so starting again is always safe; the
 * supervisor does that, with a growing pause, instead of leaving it to an outside restart policy.
 *
 * - worker exits 0 (toBlock reached) or 2 (bad configuration): the supervisor exits the same way;
 * - any other exit: restart after 1 s, 2 s, 4 s … up to 30 s (back to 1 s after a minute of uptime);
 * - SIGTERM/SIGINT: passed to the worker, then the supervisor exits with its code;
 * - the supervisor killed: the worker sees its IPC channel close and exits (no orphan keeps writing);
 * - the chain no longer holds a block the index has (a reorg deeper than finalityConfirmation, or
 *   another chain at the RPC URL): restarting cannot help, so this is said once, plainly, with what
 *   to do, and the supervisor retries only every CHAIN_MISMATCH_PAUSE_MS.
 *
 * A heartbeat (heartbeat.ts) records all of this in the database for /health and the metrics.
 *
 * The worker's output passes through here line by line, with the RPC URL (providers put API keys in
 * it, and the SDK logs it with every connection warning) and the database URL redacted.
 */
export const WORKER_ENV = 'DEAI_PROCESSOR_WORKER'
const MAX_PAUSE_MS = 30_000
const HEALTHY_AFTER_MS = 60_000
export const CHAIN_MISMATCH_PAUSE_MS = 5 * 60_000
const CHAIN_MISMATCH = /already indexed block (\S+) was not found on chain/

export function isWorker(): boolean {
  return process.env[WORKER_ENV] === '1'
}

/** In the worker: exit when the supervisor is gone. */
export function runAsWorker(): void {
  process.on('disconnect', () => process.exit(1))
}

/**
 * `NETWORK_CONFIG` may list several network files (comma-separated), one chain each: then every
 * chain gets its own supervisor loop and worker, as if started alone (docs/processor.md, "Many
 * chains"). All files are checked first: a bad one stops everything with exit 2, naming the file and
 * the field. The process ends when every chain's worker has ended (the highest exit code wins);
 * SIGTERM/SIGINT go to all of them.
 */
export function supervise(script: string): void {
  const chains = chainEnvs(process.env)
  let running = chains.length
  let worst = 0
  // with several chains in one output, every line says which chain it is about
  const tagOf = (env: NodeJS.ProcessEnv) => (chains.length > 1 ? loadNetworkConfig(env.NETWORK_CONFIG!).chainId : null)
  const loops = chains.map((env) =>
    superviseChain(script, env, tagOf(env), (code) => {
      worst = Math.max(worst, code)
      if (--running === 0) process.exit(worst)
    }),
  )
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => loops.forEach((l) => l.stop(signal)))
}

/**
 * The environment of each chain's worker: its one network file, its RPC URL (`RPC_URL_<chainId>`,
 * or `RPC_URL` when there is one file) and, when metrics are asked for, its own port (the base port
 * plus its position in the list). A list with a bad file, two files of one chain, or `RPC_URL` with
 * several files exits 2 here.
 */
export function chainEnvs(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv[] {
  const files = (env.NETWORK_CONFIG ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
  if (files.length <= 1) return [env]
  try {
    if (env.RPC_URL)
      throw new ConfigError(
        'RPC_URL',
        `names one chain's RPC, but NETWORK_CONFIG lists ${files.length} files: set RPC_URL_<chainId> for each chain, or rpcUrl in each file`,
      )
    const seen = new Map<number, string>()
    return files.map((file, i) => {
      const probe = loadNetworkConfig(file)
      const other = seen.get(probe.chainId)
      if (other) throw new ConfigError('NETWORK_CONFIG', `${other} and ${file} are both chain ${probe.chainId}`)
      seen.set(probe.chainId, file)
      const rpcUrl = env[`RPC_URL_${probe.chainId}`]
      if (rpcUrl) loadNetworkConfig(file, rpcUrl) // the override is checked like the file's own
      const port = Number(env.PROCESSOR_PROMETHEUS_PORT || 0)
      return {
        ...env,
        NETWORK_CONFIG: file,
        RPC_URL: rpcUrl ?? '',
        PROCESSOR_PROMETHEUS_PORT: port > 0 ? String(port + i) : env.PROCESSOR_PROMETHEUS_PORT,
      }
    })
  } catch (e) {
    return exitOnError(e)
  }
}

/**
 * A worker's output line as relayed when several chains share the output: a JSON record gains
 * `chainId` (unless it has one), any other line starts with `[chain <id>]`.
 */
export function tagLine(line: string, chainId: number): string {
  if (line.startsWith('{') && line.endsWith('}')) {
    try {
      const record = JSON.parse(line)
      if (record && typeof record === 'object' && !Array.isArray(record))
        return 'chainId' in record ? line : JSON.stringify({ chainId, ...record })
    } catch {
      // not a record: tagged as text
    }
  }
  return `[chain ${chainId}] ${line}`
}

/**
 * One chain's supervisor loop (described at the top of this file); `tag`: the chain id its worker's
 * lines are tagged with (tagLine), when several chains share the output; `onExit` when it is over.
 */
function superviseChain(
  script: string,
  env: NodeJS.ProcessEnv,
  tag: number | null,
  onExit: (code: number) => void,
): { stop(signal: NodeJS.Signals): void } {
  let child: ChildProcess | undefined
  let stopping = false
  let failuresInRow = 0
  const state: HeartbeatState = { workerRunning: false, finished: false, restarts: 0, lastError: null }
  const heartbeat = startHeartbeat(state, env)
  let mismatch: string | null = null
  let mismatchSaid = false
  let over = false
  const exit = (code: number) => {
    if (over) return
    over = true
    state.workerRunning = false
    state.finished ||= code === 0
    const hb = heartbeat?.stop() ?? Promise.resolve()
    // the last beat gets a moment to say why the processor stopped; then exit whatever happened
    void Promise.race([hb, new Promise((r) => setTimeout(r, 2000))]).then(() => onExit(code))
  }

  const chain = heartbeat ? { chainId: heartbeat.chain.chainId } : {}
  const log = (msg: string, extra: object) =>
    console.error(JSON.stringify({ level: 'warn', ns: 'deai:supervisor', msg, ...chain, ...extra }))

  const secrets = logSecrets(env)
  const relay = (from: Readable, to: Writable, errors: boolean) => {
    readline.createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
      for (const [secret, shown] of secrets) line = line.split(secret).join(shown)
      to.write((tag == null ? line : tagLine(line, tag)) + '\n')
      if (!errors) return
      const m = CHAIN_MISMATCH.exec(line)
      if (m) mismatch = m[1]
      else if (isErrorLine(line)) state.lastError = line.slice(0, 500)
    })
  }

  const start = () => {
    const startedAt = Date.now()
    child = fork(script, process.argv.slice(2), {
      env: { ...env, [WORKER_ENV]: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    })
    relay(child.stdout!, process.stdout, false)
    relay(child.stderr!, process.stderr, true)
    state.workerRunning = true
    mismatch = null
    void heartbeat?.beat()
    // 'close': the worker exited and its output has been read to the end
    child.on('close', (code, signal) => {
      child = undefined
      state.workerRunning = false
      // stopping: a worker ended by the signal we passed on has no code, and stopped as asked
      if (stopping) return exit(code ?? 0)
      if (code === 0 || code === 2) return exit(code)
      if (Date.now() - startedAt > HEALTHY_AFTER_MS) failuresInRow = 0
      let pauseMs = Math.min(MAX_PAUSE_MS, 1000 * 2 ** failuresInRow++)
      if (mismatch) {
        pauseMs = CHAIN_MISMATCH_PAUSE_MS
        state.lastError =
          `the chain no longer holds block ${mismatch}, which is indexed: it was reorganized deeper than ` +
          `finalityConfirmation, or the RPC URL now serves another chain. Restarting cannot fix this: ` +
          `reindex from fromBlock (an empty database), or raise finalityConfirmation if the chain reorganizes that deep.`
        if (!mismatchSaid) {
          console.error(JSON.stringify({ level: 'error', ns: 'deai:supervisor', msg: state.lastError, ...chain }))
          mismatchSaid = true
        }
      }
      state.restarts++
      void heartbeat?.beat()
      log('processor stopped; restarting it', { code, signal, pauseMs, restarts: state.restarts })
      setTimeout(start, pauseMs)
    })
  }

  start()
  return {
    stop(signal) {
      stopping = true
      if (child) child.kill(signal)
      else exit(0)
    },
  }
}

/** The heartbeat, when the database and the chain are configured (a bad config is the worker's to report). */
function startHeartbeat(state: HeartbeatState, vars: NodeJS.ProcessEnv): Heartbeat | undefined {
  try {
    const env = processorEnv(vars)
    if (!env.databaseUrl) return undefined
    const config = loadNetworkConfig(env.networkConfigPath, env.rpcUrl)
    const hb = new Heartbeat(env.databaseUrl, config, config.rpcUrl, state, config.explorerUrl)
    hb.start()
    return hb
  } catch {
    return undefined
  }
}

/** An error the worker printed: a log line of level error or fatal (the SDK's 4 and 5, or ours by name), or plain text naming one. */
function isErrorLine(line: string): boolean {
  if (line.startsWith('{')) {
    try {
      const level = JSON.parse(line).level
      return level >= 4 || level === 'error' || level === 'fatal'
    } catch {
      // not a log record: judged as text
    }
  }
  return /\berror\b|fatal/i.test(line)
}
