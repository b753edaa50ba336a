// Written by hand (not generated): the provenance graph walk as one function, so a lineage or an
// impact query is one statement however deep it goes (docs/api.md, "Provenance"). Breadth-first:
// each level is one query over the whole frontier, and a node is expanded once, at its shortest
// depth, reached from the smallest (kind, id) of the level before. The edges of the graph, up
// (what a model version was made from) and down (what depends on data), are declared here; each
// edge reads its table through an index, for all the frontier's nodes of its kind at once.
module.exports = class ProvenanceWalk1796152635746 {
    name = 'ProvenanceWalk1796152635746'

    async up(db) {
        await db.query(`
            CREATE OR REPLACE FUNCTION provenance_walk(direction text, start_kind text, start_id text,
                                                       max_depth int, max_rows int)
            RETURNS TABLE (kind text, id text, depth int, "fromKind" text, "fromId" text)
            LANGUAGE plpgsql STABLE
            -- one plan per level query for the session: planning its union anew at each level cost
            -- more than running it
            SET plan_cache_mode = force_generic_plan
            AS $fn$
            DECLARE
                fk text[] := ARRAY[start_kind];
                fi text[] := ARRAY[start_id];
                nk text[]; ni text[]; nfk text[]; nfi text[];
                ids_model text[]; ids_run text[]; ids_dataset text[]; ids_contribution text[]; ids_account text[]; ids_gpu text[];
                seen_model text[] := '{}'; seen_run text[] := '{}'; seen_dataset text[] := '{}';
                seen_account text[] := '{}'; seen_gpu text[] := '{}';
                total int := 1;
                level int := 0;
            BEGIN
                RETURN QUERY SELECT start_kind, start_id, 0, NULL::text, NULL::text;
                WHILE level < max_depth AND cardinality(fk) > 0 AND total < max_rows LOOP
                    level := level + 1;
                    SELECT coalesce(array_agg(f.i) FILTER (WHERE f.k = 'model'), '{}'),
                           coalesce(array_agg(f.i) FILTER (WHERE f.k = 'run'), '{}'),
                           coalesce(array_agg(f.i) FILTER (WHERE f.k = 'dataset'), '{}'),
                           coalesce(array_agg(f.i) FILTER (WHERE f.k = 'contribution'), '{}'),
                           coalesce(array_agg(f.i) FILTER (WHERE f.k = 'account'), '{}'),
                           coalesce(array_agg(f.i) FILTER (WHERE f.k = 'gpu'), '{}')
                      INTO ids_model, ids_run, ids_dataset, ids_contribution, ids_account, ids_gpu
                      FROM unnest(fk, fi) AS f(k, i);
                    -- a node is expanded once: the frontier joins the nodes seen, kind by kind. Runs (up)
                    -- and contributions (both ways) have one predecessor only (their model version,
                    -- their dataset version, their contributor), so they cannot be reached twice and
                    -- are not looked up: the seen sets stay small and cheap to hash at every level
                    seen_model := seen_model || ids_model;
                    seen_run := seen_run || ids_run;
                    seen_dataset := seen_dataset || ids_dataset;
                    seen_account := seen_account || ids_account;
                    seen_gpu := seen_gpu || ids_gpu;
                    IF direction = 'up' THEN
                    SELECT coalesce(array_agg(x.kind), '{}'), coalesce(array_agg(x.id), '{}'),
                           coalesce(array_agg(x.from_kind), '{}'), coalesce(array_agg(x.from_id), '{}')
                      INTO nk, ni, nfk, nfi
                      FROM (SELECT DISTINCT ON (e.kind, e.id) e.kind, e.id, e.from_kind, e.from_id
                              FROM (
                                  SELECT 'model', mv.parent_version_id, 'model', mv.id FROM model_version mv WHERE mv.id = ANY(ids_model) AND mv.parent_version_id IS NOT NULL AND mv.parent_version_id NOT IN (SELECT unnest(seen_model))
                                  UNION ALL SELECT 'run', r.id, 'model', r.model_version_id FROM training_run r WHERE r.model_version_id = ANY(ids_model)
                                  UNION ALL SELECT 'dataset', d.referenced_version_id, 'run', d.run_id FROM training_run_dataset d WHERE d.run_id = ANY(ids_run) AND d.referenced_version_id NOT IN (SELECT unnest(seen_dataset))
                                  UNION ALL SELECT 'gpu', g.referenced_gpu_id::text, 'run', g.run_id FROM training_run_gpu g WHERE g.run_id = ANY(ids_run) AND g.referenced_gpu_id::text NOT IN (SELECT unnest(seen_gpu))
                                  UNION ALL SELECT 'account', r.attester_id, 'run', r.id FROM training_run r WHERE r.id = ANY(ids_run) AND r.attester_id NOT IN (SELECT unnest(seen_account))
                                  UNION ALL SELECT 'dataset', e.parent_id, 'dataset', e.child_id FROM dataset_derivation e WHERE e.child_id = ANY(ids_dataset) AND e.parent_id NOT IN (SELECT unnest(seen_dataset))
                                  UNION ALL SELECT 'contribution', c.id, 'dataset', c.version_id FROM contribution c WHERE c.version_id = ANY(ids_dataset)
                                  UNION ALL SELECT 'account', ds.owner_id, 'dataset', v.id FROM dataset_version v JOIN dataset ds ON ds.id = v.dataset_id WHERE v.id = ANY(ids_dataset) AND ds.owner_id NOT IN (SELECT unnest(seen_account))
                                  UNION ALL SELECT 'account', c.contributor_id, 'contribution', c.id FROM contribution c WHERE c.id = ANY(ids_contribution) AND c.contributor_id NOT IN (SELECT unnest(seen_account))
                              ) AS e(kind, id, from_kind, from_id)
                             WHERE e.id IS NOT NULL
                             ORDER BY e.kind, e.id, e.from_kind, e.from_id) x;
                    ELSE
                    SELECT coalesce(array_agg(x.kind), '{}'), coalesce(array_agg(x.id), '{}'),
                           coalesce(array_agg(x.from_kind), '{}'), coalesce(array_agg(x.from_id), '{}')
                      INTO nk, ni, nfk, nfi
                      FROM (SELECT DISTINCT ON (e.kind, e.id) e.kind, e.id, e.from_kind, e.from_id
                              FROM (
                                  SELECT 'contribution', c.id, 'account', c.contributor_id FROM contribution c WHERE c.contributor_id = ANY(ids_account)
                                  UNION ALL SELECT 'dataset', c.version_id, 'contribution', c.id FROM contribution c WHERE c.id = ANY(ids_contribution) AND c.version_id NOT IN (SELECT unnest(seen_dataset))
                                  UNION ALL SELECT 'dataset', e.child_id, 'dataset', e.parent_id FROM dataset_derivation e WHERE e.parent_id = ANY(ids_dataset) AND e.child_id NOT IN (SELECT unnest(seen_dataset))
                                  UNION ALL SELECT 'run', d.run_id, 'dataset', d.referenced_version_id FROM training_run_dataset d WHERE d.referenced_version_id = ANY(ids_dataset) AND d.run_id NOT IN (SELECT unnest(seen_run))
                                  UNION ALL SELECT 'model', r.model_version_id, 'run', r.id FROM training_run r WHERE r.id = ANY(ids_run) AND r.model_version_id NOT IN (SELECT unnest(seen_model))
                                  UNION ALL SELECT 'model', mv.id, 'model', mv.parent_version_id FROM model_version mv WHERE mv.parent_version_id = ANY(ids_model) AND mv.id NOT IN (SELECT unnest(seen_model))
                              ) AS e(kind, id, from_kind, from_id)
                             WHERE e.id IS NOT NULL
                             ORDER BY e.kind, e.id, e.from_kind, e.from_id) x;
                    END IF;
                    RETURN QUERY SELECT u.k, u.i, level, u.fk, u.fi FROM unnest(nk, ni, nfk, nfi) AS u(k, i, fk, fi);
                    total := total + cardinality(nk);
                    fk := nk;
                    fi := ni;
                END LOOP;
            END
            $fn$`)
    }

    async down(db) {
        await db.query(`DROP FUNCTION provenance_walk(text, text, text, int, int)`)
    }
}
