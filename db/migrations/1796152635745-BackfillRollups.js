// Written by hand (not generated): fills the rollups of 1796152635744-Data from the rows a
// database indexed before them already holds, so an existing index answers the same as a clean one
// (docs/processor.md, "Rollups"): the fleet's row of each scope bucket, the valuation steps of each
// scope, the latency histogram and the contribution weights. On a new database every table is
// empty and this does nothing.
module.exports = class BackfillRollups1796152635745 {
    name = 'BackfillRollups1796152635745'

    async up(db) {
        for (const table of ['scope_hour', 'scope_day']) {
            await db.query(`
                INSERT INTO ${table} (id, bucket_start, operator, sku, region, available_sec, rented_sec,
                                      reported_gross, gross, operator_fee, protocol_fee, net)
                SELECT '*|*|*|' || extract(epoch FROM bucket_start)::bigint, bucket_start, '*', '*', '*',
                       sum(available_sec), sum(rented_sec), sum(reported_gross), sum(gross), sum(operator_fee),
                       sum(protocol_fee), sum(net)
                  FROM ${table} WHERE operator <> '*' GROUP BY bucket_start`)
        }
        await db.query(`
            WITH changes AS (
                SELECT g.operator_id AS operator, g.sku, g.region, g.valuation_asset AS asset, v.block_number,
                       v.block_time, v.valuation - coalesce(lag(v.valuation) OVER w, 0) AS dv,
                       CASE WHEN lag(v.valuation) OVER w IS NULL THEN 1 ELSE 0 END AS dg
                  FROM gpu_valuation v JOIN gpu g ON g.id = v.gpu_id
                WINDOW w AS (PARTITION BY v.gpu_id ORDER BY v.block_number, v.log_index)
            ), levels AS (
                SELECT operator, sku, region, asset, block_number, block_time, dv, dg FROM changes
                UNION ALL SELECT '*', '*', '*', asset, block_number, block_time, dv, dg FROM changes
            ), per_block AS (
                SELECT operator, sku, region, asset, block_number, min(block_time) AS block_time,
                       sum(dv) AS dv, sum(dg) AS dg
                  FROM levels GROUP BY operator, sku, region, asset, block_number
            )
            INSERT INTO scope_valuation (id, operator, sku, region, valuation_asset, block_number, block_time, valuation, gpus)
            SELECT operator || '|' || sku || '|' || region || '|' || asset || '|' || block_number, operator, sku,
                   region, asset, block_number, block_time, sum(dv) OVER s, sum(dg) OVER s
              FROM per_block
            WINDOW s AS (PARTITION BY operator, sku, region, asset ORDER BY block_number)`)
        await db.query(`
            INSERT INTO model_latency_day (id, model_id, bucket_start, latency_sec, requests)
            SELECT model_id || '-' || extract(epoch FROM date_trunc('day', block_time, 'UTC'))::bigint || '-' || latency_sec,
                   model_id, date_trunc('day', block_time, 'UTC'), latency_sec, count(*)
              FROM inference_request WHERE fulfilled GROUP BY model_id, date_trunc('day', block_time, 'UTC'), latency_sec`)
        await db.query(`
            INSERT INTO contribution_weight (id, version_id, contributor, weight, contributions)
            SELECT version_id || '|' || contributor_id, version_id, contributor_id, sum(items::numeric * quality_bps), count(*)
              FROM contribution WHERE NOT revoked GROUP BY version_id, contributor_id`)
    }

    async down(db) {
        for (const table of ['scope_hour', 'scope_day']) await db.query(`DELETE FROM ${table} WHERE operator = '*'`)
        // the tables themselves are dropped by 1796152635744-Data's down
    }
}
