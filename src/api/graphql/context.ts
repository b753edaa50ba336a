import DataLoader from 'dataloader'
import type { Db } from '../db/pool'
import { loadAccounts, loadGpus, type AccountRow, type GpuRow } from '../db/entities'

/** Per-request context: loaders are created per request so no cache is shared between users. */
export interface ApiContext {
  db: Db
  loaders: {
    account: DataLoader<string, AccountRow | null>
    gpu: DataLoader<string, GpuRow | null>
  }
}

export function createContext(db: Db): ApiContext {
  return {
    db,
    loaders: {
      account: new DataLoader((ids) => loadAccounts(db, ids)),
      gpu: new DataLoader((ids) => loadGpus(db, ids)),
    },
  }
}
