import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import readline from 'node:readline'

/** Child processes of `npm start`: spawned with prefixed output, remembered in a pid file, stopped in order. */

export interface Child {
  name: string
  proc: ChildProcess
  stop(timeoutMs?: number): Promise<void>
}

export function spawnNode(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  echo: (line: string) => void,
): Child {
  const proc = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const out = fs.createWriteStream(logFile, { flags: 'a' })
  for (const stream of [proc.stdout!, proc.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      out.write(line + '\n')
      echo(`[${name}] ${line}`)
    })
  }
  return { name, proc, stop: (t) => stopProcess(proc, t) }
}

export function running(proc: ChildProcess): boolean {
  return proc.exitCode == null && proc.signalCode == null
}

export async function stopProcess(proc: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (!running(proc)) return
  const exited = new Promise<void>((r) => proc.once('exit', () => r()))
  proc.kill('SIGTERM')
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref())
  if ((await Promise.race([exited, timer])) === 'timeout') {
    proc.kill('SIGKILL')
    await exited
  }
}

/** Stops processes a previous run left behind (it was SIGKILLed), recognised by their command line. */
export function stopLeftovers(pidFile: string, markers: string[]): void {
  if (!fs.existsSync(pidFile)) return
  let pids: number[] = []
  try {
    pids = Object.values(JSON.parse(fs.readFileSync(pidFile, 'utf8')))
      .flat()
      .map(Number)
  } catch {
    /* unreadable pid file: nothing to stop */
  }
  for (const pid of pids) {
    let cmd = ''
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    } catch {
      continue
    }
    if (pid !== process.pid && markers.some((m) => cmd.includes(m))) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        /* already gone */
      }
    }
  }
  fs.rmSync(pidFile, { force: true })
}
