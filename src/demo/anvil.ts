import { spawn, ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PROJECT_ROOT } from '../config/env'

/** A local anvil node from the npm registry (@foundry-rs/anvil); we run its binary directly so we own its PID. */
export interface Anvil {
  url: string
  port: number
  process: ChildProcess
  stop(): Promise<void>
}

export const ANVIL_BIN = path.join(PROJECT_ROOT, 'node_modules', '@foundry-rs', 'anvil-linux-amd64', 'bin', 'anvil')
export const DEMO_MNEMONIC = 'test test test test test test test test test test test junk'

/**
 * With `stateFile`, the chain lives in that file: loaded at start when it exists (blocks, receipts
 * and logs included), written every STATE_INTERVAL_SEC and at exit, so `npm start` resumes the
 * chain a user sent transactions to.
 *
 * Anvil writes the states of older blocks to a cache folder, by default under ~/.foundry, and leaves
 * it behind when it stops: gigabytes per long chain. Ours gets a folder of its own, removed at stop.
 */
const STATE_INTERVAL_SEC = 5

export async function startAnvil(opts: {
  port: number
  genesisTimestamp: number
  accounts?: number
  stateFile?: string
  /**
   * Keep the state of every block, as an archive node does: anvil's default drops states a few
   * thousand blocks back, and reading a vault or a token at an older block then fails. On disk, in
   * the cache folder: about 0.4 MB per block on the sparse bench chain.
   */
  archive?: boolean
  /** EIP-155 chain id (default anvil's 31337) */
  chainId?: number
}): Promise<Anvil> {
  const resumes = opts.stateFile != null && fs.existsSync(opts.stateFile)
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deai-anvil-cache-'))
  const args = [
    '--host', '127.0.0.1',
    '--port', String(opts.port),
    '--chain-id', String(opts.chainId ?? 31337),
    '--mnemonic', DEMO_MNEMONIC,
    '--accounts', String(opts.accounts ?? 40),
    '--balance', '1000000',
    ...(resumes ? [] : ['--timestamp', String(opts.genesisTimestamp)]),
    ...(opts.stateFile ? ['--state', opts.stateFile, '--state-interval', String(STATE_INTERVAL_SEC)] : []),
    // Big blocks so a simulated day fits in a few of them; FIFO so dependent txs of different senders keep their order.
    '--gas-limit', '1000000000',
    '--order', 'fifo',
    '--cache-path', cacheDir,
    ...(opts.archive ? ['--max-persisted-states', '1000000'] : []),
    '--silent',
  ] // prettier-ignore
  const child = spawn(ANVIL_BIN, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (b) => (stderr += b.toString()))
  const url = `http://127.0.0.1:${opts.port}`
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      fs.rmSync(cacheDir, { recursive: true, force: true })
      resolve()
    }),
  )
  const deadline = Date.now() + 20_000
  for (;;) {
    if (child.exitCode != null) throw new Error(`anvil exited with code ${child.exitCode}: ${stderr.trim()}`)
    if (await rpcReady(url)) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`anvil did not answer on ${url} within 20 s: ${stderr.trim()}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    url,
    port: opts.port,
    process: child,
    async stop() {
      if (child.exitCode == null && child.signalCode == null) {
        child.kill('SIGTERM')
        await exited
      }
    },
  }
}

async function rpcReady(url: string): Promise<boolean> {
  try {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    })
    return r.ok
  } catch {
    return false
  }
}
