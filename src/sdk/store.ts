import type { EntityManager } from 'typeorm'

/**
 * What our bulk writes read of @subsquid/typeorm-store's batch store: its transaction handle (`em`)
 * and its change tracker (`changes`), present only while hot blocks are tracked. Private in the
 * store; the version is checked at start (src/sdk/index.ts).
 */
interface StoreInternals {
  em(): EntityManager
  changes?: unknown
}

const internals = (store: object) => store as unknown as StoreInternals

/** True when this batch's writes can never be rolled back (no hot-block change tracking). */
export function isFinalBatch(store: object): boolean {
  const s = internals(store)
  return typeof s.em === 'function' && s.changes == null
}

/** The batch's open transaction. */
export function entityManager(store: object): EntityManager {
  return internals(store).em()
}
