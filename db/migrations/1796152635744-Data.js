module.exports = class Data1796152635744 {
    name = 'Data1796152635744'

    async up(db) {
        await db.query(`CREATE TABLE "scope_valuation" ("id" character varying NOT NULL, "operator" text NOT NULL, "sku" text NOT NULL, "region" text NOT NULL, "valuation_asset" text NOT NULL, "block_number" integer NOT NULL, "block_time" TIMESTAMP WITH TIME ZONE NOT NULL, "valuation" numeric NOT NULL, "gpus" integer NOT NULL, CONSTRAINT "PK_d9d9ca8669c4e1a72ab64f3adb7" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_c3b6f1f88f2b5941a2cec0f25d" ON "scope_valuation" ("operator", "sku", "region", "valuation_asset", "block_time", "block_number") `)
        await db.query(`CREATE TABLE "model_latency_day" ("id" character varying NOT NULL, "model_id" numeric NOT NULL, "bucket_start" TIMESTAMP WITH TIME ZONE NOT NULL, "latency_sec" integer NOT NULL, "requests" integer NOT NULL, CONSTRAINT "PK_350cfe2b15065ea91b1143bc556" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_74c002d17fefb64e95d015214c" ON "model_latency_day" ("model_id", "bucket_start") `)
        await db.query(`CREATE TABLE "contribution_weight" ("id" character varying NOT NULL, "version_id" text NOT NULL, "contributor" text NOT NULL, "weight" numeric NOT NULL, "contributions" integer NOT NULL, CONSTRAINT "PK_f82e31a872942a8e39e3b06b568" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_a9bbe1c8a48c03676250ace25d" ON "contribution_weight" ("version_id") `)
    }

    async down(db) {
        await db.query(`DROP TABLE "scope_valuation"`)
        await db.query(`DROP INDEX "public"."IDX_c3b6f1f88f2b5941a2cec0f25d"`)
        await db.query(`DROP TABLE "model_latency_day"`)
        await db.query(`DROP INDEX "public"."IDX_74c002d17fefb64e95d015214c"`)
        await db.query(`DROP TABLE "contribution_weight"`)
        await db.query(`DROP INDEX "public"."IDX_a9bbe1c8a48c03676250ace25d"`)
    }
}
