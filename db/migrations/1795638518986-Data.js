module.exports = class Data1795638518986 {
    name = 'Data1795638518986'

    async up(db) {
        await db.query(`DROP INDEX "public"."IDX_6fc1f58077daa6b70d00592ba8"`)
        await db.query(`DROP INDEX "public"."IDX_103eef00f6d5e2c0d2bff8a49a"`)
        await db.query(`DROP INDEX "public"."IDX_4dcfed460907bd7cdf63da9df9"`)
        await db.query(`DROP INDEX "public"."IDX_00900a3ab24803e2282f7c7271"`)
        await db.query(`DROP INDEX "public"."IDX_c90cb866193d17151ed2058591"`)
        await db.query(`CREATE INDEX "IDX_482cf508a9277fcb965e1eeaaf" ON "gpu_valuation" ("gpu_id", "block_time") `)
        await db.query(`CREATE INDEX "IDX_ef48eb64f09a19a1abcbfcffeb" ON "revenue_distribution" ("gpu_id", "block_time") `)
        await db.query(`CREATE INDEX "IDX_2e1aa407c49bcbfd4c58bbbecc" ON "vault_state" ("vault_id", "block_time") `)
        await db.query(`CREATE INDEX "IDX_a8385f4fa450c65f5b7c2e797d" ON "revenue_snapshot" ("token_id", "block_time") `)
        await db.query(`CREATE INDEX "IDX_5d9c34fdcdb68e4fe82df72cdf" ON "inference_request" ("model_id", "block_time") `)
        await db.query(`CREATE INDEX "IDX_9b097e06c7ab59870e40156595" ON "model_version" ("parent_version_id") `)
    }

    async down(db) {
        await db.query(`CREATE INDEX "IDX_6fc1f58077daa6b70d00592ba8" ON "gpu_valuation" ("gpu_id") `)
        await db.query(`CREATE INDEX "IDX_103eef00f6d5e2c0d2bff8a49a" ON "revenue_distribution" ("gpu_id") `)
        await db.query(`CREATE INDEX "IDX_4dcfed460907bd7cdf63da9df9" ON "vault_state" ("vault_id") `)
        await db.query(`CREATE INDEX "IDX_00900a3ab24803e2282f7c7271" ON "revenue_snapshot" ("token_id") `)
        await db.query(`CREATE INDEX "IDX_c90cb866193d17151ed2058591" ON "inference_request" ("model_id") `)
        await db.query(`DROP INDEX "public"."IDX_482cf508a9277fcb965e1eeaaf"`)
        await db.query(`DROP INDEX "public"."IDX_ef48eb64f09a19a1abcbfcffeb"`)
        await db.query(`DROP INDEX "public"."IDX_2e1aa407c49bcbfd4c58bbbecc"`)
        await db.query(`DROP INDEX "public"."IDX_a8385f4fa450c65f5b7c2e797d"`)
        await db.query(`DROP INDEX "public"."IDX_5d9c34fdcdb68e4fe82df72cdf"`)
        await db.query(`DROP INDEX "public"."IDX_9b097e06c7ab59870e40156595"`)
    }
}
