import type { Db } from './pool'

/**
 * Graph walks over the provenance tables. A node is (kind, id) with the kinds of
 * the API's typed ids: model, run, dataset, contribution, account, gpu. Unknown references (a parent
 * or dataset version or GPU this index has not seen) are reached as nodes and simply have no row.
 */
export type NodeKindName = 'model' | 'run' | 'dataset' | 'contribution' | 'account' | 'gpu'

export interface WalkRow {
  kind: NodeKindName
  id: string
  depth: number
  /** the node it was reached from (null for the start) */
  fromKind: NodeKindName | null
  fromId: string | null
}

/** Upstream: what a model version was made from (parents, runs, data, contributions, people, GPUs). */
const UPSTREAM = `
  SELECT 'model', mv.parent_version_id FROM model_version mv WHERE w.kind = 'model' AND mv.id = w.id AND mv.parent_version_id IS NOT NULL
  UNION ALL SELECT 'run', r.id FROM training_run r WHERE w.kind = 'model' AND r.model_version_id = w.id
  UNION ALL SELECT 'dataset', d.referenced_version_id FROM training_run_dataset d WHERE w.kind = 'run' AND d.run_id = w.id
  UNION ALL SELECT 'gpu', g.referenced_gpu_id::text FROM training_run_gpu g WHERE w.kind = 'run' AND g.run_id = w.id
  UNION ALL SELECT 'account', r.attester_id FROM training_run r WHERE w.kind = 'run' AND r.id = w.id
  UNION ALL SELECT 'dataset', e.parent_id FROM dataset_derivation e WHERE w.kind = 'dataset' AND e.child_id = w.id
  UNION ALL SELECT 'contribution', c.id FROM contribution c WHERE w.kind = 'dataset' AND c.version_id = w.id
  UNION ALL SELECT 'account', ds.owner_id FROM dataset_version v JOIN dataset ds ON ds.id = v.dataset_id WHERE w.kind = 'dataset' AND v.id = w.id
  UNION ALL SELECT 'account', c.contributor_id FROM contribution c WHERE w.kind = 'contribution' AND c.id = w.id`

/** Downstream: what depends on a contributor, a contribution or a dataset version, up to model versions. */
const DOWNSTREAM = `
  SELECT 'contribution', c.id FROM contribution c WHERE w.kind = 'account' AND c.contributor_id = w.id
  UNION ALL SELECT 'dataset', c.version_id FROM contribution c WHERE w.kind = 'contribution' AND c.id = w.id
  UNION ALL SELECT 'dataset', e.child_id FROM dataset_derivation e WHERE w.kind = 'dataset' AND e.parent_id = w.id
  UNION ALL SELECT 'run', d.run_id FROM training_run_dataset d WHERE w.kind = 'dataset' AND d.referenced_version_id = w.id
  UNION ALL SELECT 'model', r.model_version_id FROM training_run r WHERE w.kind = 'run' AND r.id = w.id
  UNION ALL SELECT 'model', mv.id FROM model_version mv WHERE w.kind = 'model' AND mv.parent_version_id = w.id`

/**
 * Every node within maxDepth hops of the start, with its depth and the node it was first reached
 * from (shortest path; among equals the smallest (kind, id)). `limit` bounds the answer; more rows
 * than that means the graph is too large.
 *
 * A breadth-first walk, one statement per level over the whole frontier. Each node is expanded once,
 * at its shortest depth, so the cost follows the nodes and edges returned. (A recursive CTE cannot
 * remember the nodes of earlier levels: in a DAG with many paths it expands a node again at every
 * depth it is reached at, which grew superlinearly with the answer.)
 */
export async function walk(
  db: Db,
  direction: 'up' | 'down',
  start: { kind: NodeKindName; id: string },
  maxDepth: number,
  limit: number,
): Promise<WalkRow[]> {
  const step = direction === 'up' ? UPSTREAM : DOWNSTREAM
  const sql = `
    SELECT DISTINCT ON (e.kind, e.id) e.kind, e.id, w.kind AS "fromKind", w.id AS "fromId"
      FROM unnest($1::text[], $2::text[]) AS w(kind, id) CROSS JOIN LATERAL (${step}) AS e(kind, id)
     WHERE e.id IS NOT NULL
     ORDER BY e.kind, e.id, w.kind, w.id`
  const out: WalkRow[] = [{ kind: start.kind, id: start.id, depth: 0, fromKind: null, fromId: null }]
  const seen = new Set([`${start.kind}:${start.id}`])
  let frontier = out
  for (let depth = 1; depth <= maxDepth && frontier.length > 0 && out.length < limit; depth++) {
    // named: each pooled connection plans the statement once, not once per level
    const { rows } = await db.query({
      name: `walk-${direction}`,
      text: sql,
      values: [frontier.map((f) => f.kind), frontier.map((f) => f.id)],
    })
    const next: WalkRow[] = []
    for (const r of rows as Omit<WalkRow, 'depth'>[]) {
      const key = `${r.kind}:${r.id}`
      if (seen.has(key)) continue
      seen.add(key)
      next.push({ ...r, depth })
    }
    out.push(...next)
    frontier = next
  }
  return out.slice(0, limit)
}

export interface EvidenceRow {
  txHash: string
  blockNumber: number
  blockTime: Date
  logIndex: number
}

const EV = `tx_hash AS "txHash", block_number AS "blockNumber", block_time AS "blockTime", log_index AS "logIndex"`

export interface ProvenanceRows {
  models: (EvidenceRow & { id: string; modelId: string; parentVersionId: string | null; op: string; uri: string })[]
  runs: (EvidenceRow & { id: string; modelVersionId: string; attester: string; startedAt: Date; endedAt: Date })[]
  runDatasets: { runId: string; versionId: string; weightBps: number }[]
  runGpus: { runId: string; gpuId: string }[]
  datasets: (EvidenceRow & {
    id: string
    version: number
    uri: string
    owner: string
    datasetId: string
    ownerEvidence: EvidenceRow
  })[]
  derivations: (EvidenceRow & { child: string; parent: string; op: string; inheritBps: number })[]
  contributions: (EvidenceRow & {
    id: string
    versionId: string
    contributor: string
    kind: string
    items: number
    qualityBps: number
    revoked: boolean
    revokedAt: Date | null
    revokedTxHash: string | null
  })[]
  gpus: (EvidenceRow & { id: string; sku: string; region: string })[]
}

/**
 * The rows behind a set of nodes, in one statement (one round trip and one pooled connection per
 * graph, whatever its size): each table's rows come back as a JSON array.
 */
export async function provenanceRows(db: Db, ids: Record<NodeKindName, string[]>): Promise<ProvenanceRows> {
  const agg = (select: string) => `(SELECT coalesce(json_agg(x), '[]'::json) FROM (${select}) x)`
  const { rows } = await db.query(
    `SELECT
       ${agg(`SELECT id, model_id::text AS "modelId", parent_version_id AS "parentVersionId", op, uri, ${EV}
                FROM model_version WHERE id = ANY($1)`)} AS models,
       ${agg(`SELECT id, model_version_id AS "modelVersionId", attester_id AS attester, started_at AS "startedAt",
                     ended_at AS "endedAt", ${EV} FROM training_run WHERE id = ANY($2)`)} AS runs,
       ${agg(`SELECT run_id AS "runId", referenced_version_id AS "versionId", weight_bps AS "weightBps"
                FROM training_run_dataset WHERE run_id = ANY($2) ORDER BY run_id, position`)} AS run_datasets,
       ${agg(`SELECT run_id AS "runId", referenced_gpu_id::text AS "gpuId" FROM training_run_gpu
               WHERE run_id = ANY($2) ORDER BY run_id, position`)} AS run_gpus,
       ${agg(`SELECT v.id, v.version, ds.uri, ds.owner_id AS owner, ds.id AS "datasetId",
                     v.tx_hash AS "txHash", v.block_number AS "blockNumber", v.block_time AS "blockTime",
                     v.log_index AS "logIndex",
                     json_build_object('txHash', ds.tx_hash, 'blockNumber', ds.block_number,
                                       'blockTime', ds.block_time, 'logIndex', ds.log_index) AS "ownerEvidence"
                FROM dataset_version v JOIN dataset ds ON ds.id = v.dataset_id WHERE v.id = ANY($3)`)} AS datasets,
       ${agg(`SELECT child_id AS child, parent_id AS parent, op, inherit_bps AS "inheritBps", ${EV}
                FROM dataset_derivation WHERE child_id = ANY($3) AND parent_id = ANY($3)`)} AS derivations,
       ${agg(`SELECT id, version_id AS "versionId", contributor_id AS contributor, kind, items,
                     quality_bps AS "qualityBps", revoked, revoked_at AS "revokedAt",
                     revoked_tx_hash AS "revokedTxHash", ${EV} FROM contribution WHERE id = ANY($4)`)} AS contributions,
       ${agg(`SELECT id, sku, region, tx_hash AS "txHash", registered_block AS "blockNumber",
                     registered_at AS "blockTime", log_index AS "logIndex" FROM gpu WHERE id = ANY($5)`)} AS gpus`,
    [ids.model, ids.run, ids.dataset, ids.contribution, ids.gpu],
  )
  const r = rows[0]
  // JSON carries times as strings: back to Dates
  const dates = <T extends Record<string, any>>(list: T[], keys: string[]): T[] => {
    for (const x of list) for (const k of keys) if (x[k] != null) (x as any)[k] = new Date(x[k])
    return list
  }
  for (const d of r.datasets) d.ownerEvidence.blockTime = new Date(d.ownerEvidence.blockTime)
  return {
    models: dates(r.models, ['blockTime']),
    runs: dates(r.runs, ['blockTime', 'startedAt', 'endedAt']),
    runDatasets: r.run_datasets,
    runGpus: r.run_gpus,
    datasets: dates(r.datasets, ['blockTime']),
    derivations: dates(r.derivations, ['blockTime']),
    contributions: dates(r.contributions, ['blockTime', 'revokedAt']),
    gpus: dates(r.gpus, ['blockTime']),
  }
}

/** Inputs of a model version's attribution: its runs' dataset weights, the ancestor DAG, the contributions. */
export interface AttributionInputs {
  runs: { runId: string; versionId: string; weightBps: number }[]
  runCount: number
  edges: { child: string; parent: string; inheritBps: number }[]
  contributions: { versionId: string; contributor: string; items: number; qualityBps: number; revoked: boolean }[]
}

export async function attributionInputs(db: Db, modelVersionId: string): Promise<AttributionInputs> {
  const runs = await db.query(
    `SELECT r.id AS "runId", d.referenced_version_id AS "versionId", d.weight_bps AS "weightBps"
       FROM training_run r LEFT JOIN training_run_dataset d ON d.run_id = r.id
      WHERE r.model_version_id = $1 ORDER BY r.id, d.position`,
    [modelVersionId],
  )
  const roots = [
    ...new Set(
      runs.rows.filter((r: { versionId: string | null }) => r.versionId).map((r: { versionId: string }) => r.versionId),
    ),
  ]
  // The whole ancestor DAG (no depth limit: attribution is a total), then its contributions.
  const dag = await db.query(
    `WITH RECURSIVE up(id) AS (
       SELECT unnest($1::text[])
       UNION SELECT e.parent_id FROM up JOIN dataset_derivation e ON e.child_id = up.id
     )
     SELECT 'edge' AS t, e.child_id AS child, e.parent_id AS parent, e.inherit_bps AS "inheritBps",
            NULL AS contributor, NULL::int AS items, NULL::int AS "qualityBps", NULL::boolean AS revoked
       FROM dataset_derivation e WHERE e.child_id IN (SELECT id FROM up)
     UNION ALL
     SELECT 'contribution', c.version_id, NULL, NULL, c.contributor_id, c.items, c.quality_bps, c.revoked
       FROM contribution c WHERE c.version_id IN (SELECT id FROM up)`,
    [roots],
  )
  return {
    runs: runs.rows.filter((r: { versionId: string | null }) => r.versionId != null),
    runCount: new Set(runs.rows.map((r: { runId: string }) => r.runId)).size,
    edges: dag.rows.filter((r: { t: string }) => r.t === 'edge'),
    contributions: dag.rows
      .filter((r: { t: string }) => r.t === 'contribution')
      .map((r: { child: string; contributor: string; items: number; qualityBps: number; revoked: boolean }) => ({
        versionId: r.child,
        contributor: r.contributor,
        items: r.items,
        qualityBps: r.qualityBps,
        revoked: r.revoked,
      })),
  }
}

export async function modelVersionExists(db: Db, id: string): Promise<boolean> {
  const { rowCount } = await db.query(`SELECT 1 FROM model_version WHERE id = $1`, [id])
  return (rowCount ?? 0) > 0
}
