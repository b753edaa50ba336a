import fs from 'node:fs'
import { ConfigError } from '../config/errors'
import { guardAbiDecoder } from './codecGuard'
import { retryFlakyRpc } from './rpcRetry'
import { mergeReadyBatches } from './batches'
import { fetchSubscribedLogsOnly } from './logFilters'

/**
 * Everything we change or read inside the SQD SDK lives in this folder, one file per package
 * internal. Each was written against one version of its package; another version may have moved the
 * internal, and a patch that silently misses would lose data. So the processor checks, at start,
 * that every patched package is installed at the version of its patch, and stops otherwise.
 */
export const PATCHED_PACKAGES: Record<string, { version: string; what: string }> = {
  '@subsquid/rpc-client': { version: '4.14.0', what: 'rpcRetry.ts: retries HTTP 5xx and protocol errors' },
  '@subsquid/evm-codec': { version: '0.3.0', what: 'codecGuard.ts: bounds checks of the ABI decoder' },
  '@subsquid/typeorm-store': { version: '1.5.1', what: "store.ts: the batch store's transaction and change log" },
  '@subsquid/evm-processor': {
    version: '1.27.3',
    what: "prometheus.ts: the processor's metrics server; logFilters.ts: filtered eth_getLogs",
  },
  '@subsquid/util-internal-processor-tools': { version: '4.2.1', what: 'batches.ts: ready batches merged into one' },
}

/** The installed version of a package (its package.json, as Node resolves it from here). */
function installedVersion(pkg: string): string {
  return (JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version
}

/**
 * Stops with a message naming the package when one is installed at another version than its patch
 * was written for. `recorded` is the table to check against (tests pass a wrong one through
 * SDK_PATCH_VERSIONS, a JSON object of package → version).
 */
export function checkSdkVersions(recorded = recordedVersions()): void {
  for (const [pkg, { version, what }] of Object.entries(PATCHED_PACKAGES)) {
    const want = recorded[pkg] ?? version
    const have = installedVersion(pkg)
    if (have !== want)
      throw new ConfigError(
        pkg,
        `is installed at ${have}, but src/sdk/${what} was written for ${want}. Install ${pkg}@${want} ` +
          '(npm ci installs the locked versions), or check the patch against the new version and update src/sdk/index.ts',
      )
  }
}

function recordedVersions(): Record<string, string> {
  const raw = process.env.SDK_PATCH_VERSIONS
  if (!raw) return {}
  try {
    return JSON.parse(raw)
  } catch {
    throw new ConfigError('SDK_PATCH_VERSIONS', 'must be a JSON object of package name to version')
  }
}

/**
 * Checks the versions, then installs the patches; called once by each entry point that indexes.
 * `speed: false` leaves out the ones that only make indexing faster (filtered log fetches, merged
 * batches): the benchmark's stock-SDK baseline runs without them.
 */
export function installSdkPatches(opts: { speed?: boolean } = {}): void {
  checkSdkVersions()
  retryFlakyRpc()
  guardAbiDecoder()
  if (opts.speed === false) return
  fetchSubscribedLogsOnly()
  mergeReadyBatches()
}
