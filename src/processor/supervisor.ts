import { type ChildProcess, fork } from 'node:child_process'
import readline from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { logSecrets } from '../config/redact'

/**
 * `npm run processor` is a small supervisor around the real processor (the worker). The SDK ends
 * the process on any error it cannot retry, such as Postgres restarting or not up yet. Every batch
 * commits its data and its position in one transaction, so starting again is always safe; the
 * supervisor does that, with a growing pause, instead of leaving it to an outside restart policy.
 *
 * - worker exits 0 (toBlock reached) or 2 (bad configuration): the supervisor exits the same way;
 * - any other exit: restart after 1 s, 2 s, 4 s … up to 30 s (back to 1 s after a minute of uptime);
 * - SIGTERM/SIGINT: passed to the worker, then the supervisor exits with its code;
 * - the supervisor killed: the worker sees its IPC channel close and exits (no orphan keeps writing).
 *
 * The worker's output passes through here line by line, with the RPC URL (providers put API keys in
 * it, and the SDK logs it with every connection warning) and the database URL redacted.
 */
export const WORKER_ENV = 'DEAI_PROCESSOR_WORKER'
const MAX_PAUSE_MS = 30_000
const HEALTHY_AFTER_MS = 60_000

export function isWorker(): boolean {
  return process.env[WORKER_ENV] === '1'
}

/** In the worker: exit when the supervisor is gone. */
export function runAsWorker(): void {
  process.on('disconnect', () => process.exit(1))
}

export function supervise(script: string): void {
  let child: ChildProcess | undefined
  let stopping = false
  let failuresInRow = 0
  let restarts = 0

  const log = (msg: string, extra: object) =>
    console.error(JSON.stringify({ level: 'warn', ns: 'deai:supervisor', msg, ...extra }))

  const secrets = logSecrets(process.env)
  const relay = (from: Readable, to: Writable) => {
    readline.createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
      for (const [secret, shown] of secrets) line = line.split(secret).join(shown)
      to.write(line + '\n')
    })
  }

  const start = () => {
    const startedAt = Date.now()
    child = fork(script, process.argv.slice(2), {
      env: { ...process.env, [WORKER_ENV]: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    })
    relay(child.stdout!, process.stdout)
    relay(child.stderr!, process.stderr)
    // 'close': the worker exited and its output has been read to the end
    child.on('close', (code, signal) => {
      child = undefined
      // stopping: a worker ended by the signal we passed on has no code, and stopped as asked
      if (stopping) process.exit(code ?? 0)
      if (code === 0 || code === 2) process.exit(code)
      if (Date.now() - startedAt > HEALTHY_AFTER_MS) failuresInRow = 0
      const pauseMs = Math.min(MAX_PAUSE_MS, 1000 * 2 ** failuresInRow++)
      restarts++
      log('processor stopped; restarting it', { code, signal, pauseMs, restarts })
      setTimeout(start, pauseMs)
    })
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stopping = true
      if (child) child.kill(signal)
      else process.exit(0)
    })
  }
  start()
}
