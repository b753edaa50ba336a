import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { NetworkConfig } from '../../src/config/network'

const MAIN = path.resolve(__dirname, '..', '..', 'lib', 'processor', 'main.js')

/** Runs the built processor (`npm run processor`) as users do; resolves with its exit code and output. */
export async function runProcessor(
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<{ code: number | null; output: string }> {
  const p = startProcessor(env)
  const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs)
  const code = await p.exited
  clearTimeout(timer)
  return { code, output: p.output() }
}

/** A network file for a test chain on anvil, indexed from block 0 to `toBlock`; `rest` adds contracts and settings. */
export function localNetwork(rpcUrl: string, toBlock: number, rest: object) {
  return { name: 'local', chainId: 31337, rpcUrl, finalityConfirmation: 5, toBlock, ...rest }
}

// one folder per test file for its network files, removed after the file's tests (this module is
// imported when the file is collected, so the hook belongs to the file's top level)
let configDir: string | null = null
afterAll(() => {
  if (configDir) fs.rmSync(configDir, { recursive: true, force: true })
  configDir = null
})

export function writeTempConfig(config: NetworkConfig | object): string {
  if (!configDir) configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-cfg-'))
  const file = fs.mkdtempSync(path.join(configDir, 'n-'))
  fs.writeFileSync(path.join(file, 'network.json'), JSON.stringify(config))
  return path.join(file, 'network.json')
}

export interface RunningProcessor {
  output(): string
  exited: Promise<number | null>
  kill(signal?: NodeJS.Signals): void
}

/** Starts the built processor in the background (for live indexing, reorgs and kills). */
export function startProcessor(env: Record<string, string>): RunningProcessor {
  const p = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PROCESSOR_PROMETHEUS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  p.stdout.on('data', (b) => (output += b))
  p.stderr.on('data', (b) => (output += b))
  const exited = new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)))
  return { output: () => output, exited, kill: (signal = 'SIGTERM') => p.kill(signal) }
}
