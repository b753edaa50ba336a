module.exports = class Data1795647264701 {
    name = 'Data1795647264701'

    async up(db) {
        await db.query(`CREATE TABLE "scope_hour" ("id" character varying NOT NULL, "bucket_start" TIMESTAMP WITH TIME ZONE NOT NULL, "operator" text NOT NULL, "sku" text NOT NULL, "region" text NOT NULL, "available_sec" numeric NOT NULL, "rented_sec" numeric NOT NULL, "reported_gross" numeric NOT NULL, "gross" numeric NOT NULL, "operator_fee" numeric NOT NULL, "protocol_fee" numeric NOT NULL, "net" numeric NOT NULL, CONSTRAINT "PK_238f454101a63b12b752d6065b3" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_efec1e7756c6cb660a5c02e742" ON "scope_hour" ("bucket_start", "operator") `)
        await db.query(`CREATE TABLE "scope_day" ("id" character varying NOT NULL, "bucket_start" TIMESTAMP WITH TIME ZONE NOT NULL, "operator" text NOT NULL, "sku" text NOT NULL, "region" text NOT NULL, "available_sec" numeric NOT NULL, "rented_sec" numeric NOT NULL, "reported_gross" numeric NOT NULL, "gross" numeric NOT NULL, "operator_fee" numeric NOT NULL, "protocol_fee" numeric NOT NULL, "net" numeric NOT NULL, CONSTRAINT "PK_153cf8a75b0bd7947d8e96b8a49" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_e55c96bcb2e547277c75a86036" ON "scope_day" ("bucket_start", "operator") `)
        // Backfill from the GPU rollups, so a database indexed before this migration answers fleet
        // queries at once (a GPU's scope never changes, so the sums are exact).
        for (const [scope, gpu] of [['scope_hour', 'gpu_hour'], ['scope_day', 'gpu_day']]) {
            await db.query(`INSERT INTO "${scope}" SELECT operator || '|' || sku || '|' || region || '|' || extract(epoch FROM bucket_start)::bigint,
                bucket_start, operator, sku, region, sum(available_sec), sum(rented_sec), sum(reported_gross), sum(gross),
                sum(operator_fee), sum(protocol_fee), sum(net) FROM "${gpu}" GROUP BY bucket_start, operator, sku, region`)
        }
    }

    async down(db) {
        await db.query(`DROP TABLE "scope_hour"`)
        await db.query(`DROP INDEX "public"."IDX_efec1e7756c6cb660a5c02e742"`)
        await db.query(`DROP TABLE "scope_day"`)
        await db.query(`DROP INDEX "public"."IDX_e55c96bcb2e547277c75a86036"`)
    }
}
