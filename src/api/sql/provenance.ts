import { type AsOf, cutParams, visibleSql } from './asOf'
import type { Db } from './pool'
import { Params } from './sql'

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

/**
 * Every node within maxDepth hops of the start, upstream (what a model version was made from:
 * parents, runs, data, contributions, people, GPUs) or downstream (what depends on a contributor, a
 * contribution or a dataset version, up to model versions), with its depth and the node it was
 * first reached from (shortest path; among equals the smallest (kind, id)). `limit` bounds the
 * answer; more rows than that means the graph is too large.
 *
 * One statement: the walk is the database function provenance_walk
 * (db/migrations/1796152635746-ProvenanceWalk.js), breadth-first, one query per level over the
 * whole frontier, each node expanded once, at its shortest depth. (A recursive CTE cannot remember
 * the nodes of earlier levels: in a DAG with many paths it expands a node again at every depth it
 * is reached at.)
 */
export async function walk(
  db: Db,
  direction: 'up' | 'down',
  start: { kind: NodeKindName; id: string },
  maxDepth: number,
  limit: number,
): Promise<WalkRow[]> {
  const { rows } = await db.query({
    name: 'provenance-walk',
    text: `SELECT kind, id, depth, "fromKind", "fromId" FROM provenance_walk($1, $2, $3, $4, $5)`,
    values: [direction, start.kind, start.id, maxDepth, limit],
  })
  return (rows as WalkRow[]).slice(0, limit)
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
    revokedBlock: number | null
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
       ${agg(`SELECT run_id AS "runId", referenced_gpu_id AS "gpuId" FROM training_run_gpu
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
                     revoked_block AS "revokedBlock", revoked_tx_hash AS "revokedTxHash", ${EV} FROM contribution WHERE id = ANY($4)`)} AS contributions,
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

/** Inputs of a model version's attribution (src/api/analytics/attribution.ts). */
export interface AttributionInputs {
  runs: { runId: string; versionId: string; weightBps: number }[]
  runCount: number
  edges: { child: string; parent: string; inheritBps: number }[]
  /** per version and contributor: Σ items·qualityBps and the count of non-revoked contributions */
  weights: { versionId: string; contributor: string; weight: number; contributions: number }[]
}

/**
 * Inputs of a model version's attribution, in one statement (null when the version is not
 * indexed, or did not exist as of the cut): its runs' dataset weights, the whole ancestor DAG of
 * their datasets (no depth limit: attribution is a total) and the contribution weights of every
 * version in it. Now, the weights are the per-version sums kept at ingestion (ContributionWeight);
 * as of a block they are summed from the contributions inside the cut and not revoked in it, so
 * that answer costs the ancestry's contributions.
 */
export async function attributionInputs(
  db: Db,
  modelVersionId: string,
  cut: AsOf | null = null,
): Promise<AttributionInputs | null> {
  const p = new Params()
  const id = p.add(modelVersionId)
  const c = cut && cutParams(p, cut)
  const inCut = (a: string) => (c ? `AND ${visibleSql(a, c)}` : '')
  const weights = c
    ? `SELECT version_id, split_part(contributor_id, ':', 2) AS contributor,
              sum(items::numeric * quality_bps) AS weight, count(*)::int AS contributions
         FROM contribution w
        WHERE version_id IN (SELECT id FROM up) ${inCut('w')}
          AND NOT (revoked AND ${visibleSql('w', c, { block: 'revoked_block', time: 'revoked_at' })})
        GROUP BY 1, 2`
    : `SELECT version_id, contributor, weight, contributions FROM contribution_weight WHERE version_id IN (SELECT id FROM up)`
  const { rows } = await db.query(
    `WITH RECURSIVE runs AS (
       SELECT r.id AS "runId", d.referenced_version_id AS "versionId", d.weight_bps AS "weightBps", d.position
         FROM training_run r LEFT JOIN training_run_dataset d ON d.run_id = r.id
        WHERE r.model_version_id = ${id} ${inCut('r')}
     ),
     -- each step an index lookup per version: typed as the column, and kept apart by OFFSET 0 (a
     -- plain join is planned as a scan of the whole table per step)
     up(id) AS (
       SELECT DISTINCT "versionId"::varchar FROM runs WHERE "versionId" IS NOT NULL
       UNION SELECT p.parent_id FROM up CROSS JOIN LATERAL (
         SELECT e.parent_id FROM dataset_derivation e WHERE e.child_id = up.id ${inCut('e')} OFFSET 0) p
     )
     SELECT EXISTS (SELECT 1 FROM model_version m WHERE m.id = ${id} ${inCut('m')}) AS found,
            (SELECT count(DISTINCT "runId")::int FROM runs) AS "runCount",
            (SELECT json_agg(json_build_object('runId', "runId", 'versionId', "versionId", 'weightBps', "weightBps")
                             ORDER BY "runId", position)
               FROM runs WHERE "versionId" IS NOT NULL) AS runs,
            -- the larger lists as JSON arrays of columns: cheaper to build than objects, and parsed natively
            e.children, e.parents, e.inherit, w.versions, w.contributors, w.weights, w.counts
       FROM (SELECT to_json(array_agg(child_id)) AS children, to_json(array_agg(parent_id)) AS parents,
                    to_json(array_agg(inherit_bps)) AS inherit
               FROM dataset_derivation e WHERE child_id IN (SELECT id FROM up) ${inCut('e')}) e,
            (SELECT to_json(array_agg(version_id)) AS versions, to_json(array_agg(contributor)) AS contributors,
                    to_json(array_agg(weight::float8)) AS weights, to_json(array_agg(contributions)) AS counts
               FROM (${weights}) cw) w`,
    p.values,
  )
  const r = rows[0]
  if (!r.found) return null
  const list = <T>(a: T[] | null): T[] => a ?? []
  return {
    runs: list(r.runs),
    runCount: r.runCount,
    edges: list<string>(r.children).map((child, i) => ({ child, parent: r.parents[i], inheritBps: r.inherit[i] })),
    weights: list<string>(r.versions).map((versionId, i) => ({
      versionId,
      contributor: r.contributors[i],
      weight: r.weights[i],
      contributions: r.counts[i],
    })),
  }
}
