import fs from 'node:fs'
import { databaseUrlOf } from './env'

/**
 * A connection URL fit for logs: the password (if any) replaced by `***`. Anything that is not a
 * URL with a host (so where a password would sit is unclear) is hidden whole.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (!u.host) throw new Error('no host')
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(connection URL hidden)'
  }
}

/**
 * An RPC URL fit for logs: scheme and host only. Providers put API keys in the path, the query or
 * the credentials (`…/v2/<key>`, `?apikey=…`), so everything after the host is hidden.
 */
export function redactRpcUrl(url: string): string {
  try {
    const u = new URL(url)
    if (!u.host) throw new Error('no host')
    const rest = u.pathname !== '/' || u.search || u.username || u.password
    return `${u.protocol}//${u.host}${rest ? '/***' : ''}`
  } catch {
    return '(RPC URL hidden)'
  }
}

/**
 * The secrets a process's log lines may carry, each with what to print instead: the RPC URL (from
 * RPC_URL or the network file) and the database URL (env.ts, `databaseUrlOf`). Unreadable sources are skipped.
 */
export function logSecrets(env: NodeJS.ProcessEnv): [string, string][] {
  const out: [string, string][] = []
  const rpc = env.RPC_URL || rpcUrlOfFile(env.NETWORK_CONFIG)
  if (rpc && redactRpcUrl(rpc) !== rpc) out.push([rpc, redactRpcUrl(rpc)])
  let db: string | undefined
  try {
    db = databaseUrlOf(env)
  } catch {
    // a bad database variable stops the process with its own message
  }
  if (db && redactUrl(db) !== db) out.push([db, redactUrl(db)])
  return out
}

function rpcUrlOfFile(file: string | undefined): string | undefined {
  if (!file) return undefined
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { rpcUrl?: unknown }
    return typeof raw.rpcUrl === 'string' ? raw.rpcUrl : undefined
  } catch {
    return undefined
  }
}
