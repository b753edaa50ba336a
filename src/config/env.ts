import path from 'node:path'
import { ConfigError } from './errors'

/** The one module that reads process.env; everything else receives typed config. */

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..')

function envNat(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const v = env[name]
  if (v == null || v === '') return fallback
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)))
    throw new ConfigError(name, `must be a non-negative integer, got "${v}"`)
  return Number(v)
}

function envBool(name: string, fallback: boolean, env: NodeJS.ProcessEnv): boolean {
  const v = env[name]
  if (v == null || v === '') return fallback
  if (['1', 'true', 'yes'].includes(v.toLowerCase())) return true
  if (['0', 'false', 'no'].includes(v.toLowerCase())) return false
  throw new ConfigError(name, `must be true or false, got "${v}"`)
}

/**
 * The database: `DATABASE_URL`, else `DB_URL`, else a URL made of `DB_HOST`, `DB_PORT`, `DB_NAME`,
 * `DB_USER` and `DB_PASS` (the variables SQD Cloud's Postgres add-on injects). Undefined when none
 * is set.
 */
export function databaseUrlOf(env: NodeJS.ProcessEnv): string | undefined {
  for (const name of ['DATABASE_URL', 'DB_URL'] as const) {
    const v = env[name]
    if (!v) continue
    let url: URL
    try {
      url = new URL(v)
    } catch {
      throw new ConfigError(name, 'is not a URL (postgresql://user:pass@host:port/db)')
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
      throw new ConfigError(name, `must be a postgresql:// URL, got ${url.protocol}//…`)
    return v
  }
  const parts = ['DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASS'].filter((k) => env[k])
  if (parts.length === 0) return undefined
  if (!env.DB_HOST)
    throw new ConfigError('DB_HOST', `is not set, but ${parts.join(', ')} ${parts.length > 1 ? 'are' : 'is'}`)
  const port = envNat('DB_PORT', 5432, env)
  if (port < 1 || port > 65535) throw new ConfigError('DB_PORT', `must be a TCP port, got ${port}`)
  // every part percent-encoded by us: URL's setters leave some of a password's characters as they are
  const host = env.DB_HOST.includes(':') ? `[${env.DB_HOST}]` : env.DB_HOST
  const user = encodeURIComponent(env.DB_USER || 'postgres')
  const pass = env.DB_PASS ? `:${encodeURIComponent(env.DB_PASS)}` : ''
  return `postgresql://${user}${pass}@${host}:${port}/${encodeURIComponent(env.DB_NAME || 'postgres')}`
}

export const NO_DATABASE =
  'is not set, nor DB_URL or DB_HOST/DB_PORT/DB_NAME/DB_USER/DB_PASS (postgresql://user:pass@host:port/db)'

export interface ProcessorEnv {
  networkConfigPath: string | undefined
  rpcUrl: string | undefined
  databaseUrl: string | undefined
  prometheusPort: number
  /** where the processor's metrics listen (default loopback only) */
  prometheusHost: string
  /** log where each batch's time goes (phase totals) with every progress line */
  profile: boolean
  /**
   * the model-token subscription of earlier versions: the token topics from every address (the
   * benchmark's "before", docs/processor.md "Following new addresses"); not for production
   */
  tokenWildcard: boolean
}

export function processorEnv(env = process.env): ProcessorEnv {
  return {
    networkConfigPath: env.NETWORK_CONFIG,
    rpcUrl: env.RPC_URL || undefined,
    databaseUrl: databaseUrlOf(env),
    prometheusPort: envNat('PROCESSOR_PROMETHEUS_PORT', 0, env),
    prometheusHost: env.PROCESSOR_PROMETHEUS_HOST || '127.0.0.1',
    profile: envBool('DEAI_PROFILE', false, env),
    tokenWildcard: envBool('DEAI_TOKEN_WILDCARD', false, env),
  }
}

export interface ApiEnv {
  databaseUrl: string | undefined
  port: number
  host: string
  introspection: boolean
  /** serve the GraphQL IDE on a browser GET of /graphql */
  ide: boolean
  /** the response cache's budget in bytes (GQL_CACHE_MB; 0: no cache) */
  cacheBytes: number
}

export function apiEnv(env = process.env): ApiEnv {
  const port = envNat('GQL_PORT', 4350, env)
  if (port > 65535) throw new ConfigError('GQL_PORT', `must be a TCP port, got ${port}`)
  return {
    databaseUrl: databaseUrlOf(env),
    port,
    host: env.GQL_HOST || '127.0.0.1',
    introspection: envBool('GQL_INTROSPECTION', true, env),
    ide: envBool('GQL_IDE', true, env),
    cacheBytes: envNat('GQL_CACHE_MB', 64, env) * 1024 * 1024,
  }
}

export interface DemoEnv {
  dataDir: string
  anvilPort: number
  pgPort: number
  seed: number
  size: 'small' | 'medium' | 'large'
}

export function demoEnv(env = process.env): DemoEnv {
  const size = (env.DEMO_SIZE || 'medium') as DemoEnv['size']
  if (!['small', 'medium', 'large'].includes(size))
    throw new ConfigError('DEMO_SIZE', `must be small, medium or large, got "${size}"`)
  return {
    dataDir: path.resolve(env.DATA_DIR || path.join(PROJECT_ROOT, '.data')),
    anvilPort: envNat('ANVIL_PORT', 8545, env),
    pgPort: envNat('PG_PORT', 5433, env),
    seed: envNat('DEMO_SEED', 42, env),
    size,
  }
}
