import { USAGE_RECORD } from './specs'
import type { Db } from './pool'
import { selectList, withEvidence } from './tables'

/**
 * The usage a training run's GPUs reported while it ran: the usage records (latest per GPU epoch)
 * of each of its GPUs whose epochStart lies in the run's [startedAt, endedAt), each with the net
 * its RevenueDistributed paid for that epoch. One statement for any number of runs; an unresolved
 * GPU has none.
 */
async function usageRows(db: Db, where: string, keys: readonly string[]) {
  const { rows } = await db.query(
    `SELECT g.id AS "__runGpu", g.run_id AS "__run", g.referenced_gpu_id AS "__gpu", ${selectList(USAGE_RECORD)},
            (SELECT coalesce(sum(d.net), 0)::text FROM revenue_distribution d
              WHERE d.gpu_id = t.gpu_id AND d.epoch = t.epoch) AS "net"
       FROM training_run_gpu g
       JOIN training_run r ON r.id = g.run_id
       JOIN usage_record t ON t.gpu_id = g.referenced_gpu_id AND t.epoch_start >= r.started_at AND t.epoch_start < r.ended_at
      WHERE ${where} = ANY($1)
      ORDER BY g.id, t.epoch_start, t.id`,
    [keys],
  )
  return rows.map((r: any) => {
    const { __runGpu, __run, __gpu, ...row } = r
    return { runGpu: __runGpu as string, run: __run as string, gpu: __gpu as string, row: withEvidence(row) }
  })
}

/** Per TrainingRunGpu id (the API's `TrainingRunGpu.usage`). */
export async function runGpuUsage(db: Db, runGpuIds: readonly string[]): Promise<any[][]> {
  const by = new Map<string, any[]>()
  for (const r of await usageRows(db, 'g.id', runGpuIds)) by.set(r.runGpu, [...(by.get(r.runGpu) ?? []), r.row])
  return runGpuIds.map((k) => by.get(k) ?? [])
}

/** Per run id and referenced GPU id, as `<runId>|<gpuId>` (the PROV-O export). */
export async function usageOfRuns(db: Db, runIds: readonly string[]): Promise<Map<string, any[]>> {
  const by = new Map<string, any[]>()
  for (const r of await usageRows(db, 'g.run_id', runIds)) {
    const k = `${r.run}|${r.gpu}`
    by.set(k, [...(by.get(k) ?? []), r.row])
  }
  return by
}
