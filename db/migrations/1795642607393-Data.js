module.exports = class Data1795642607393 {
    name = 'Data1795642607393'

    async up(db) {
        await db.query(`DROP INDEX "public"."IDX_6ab8628dc1e6d4d3d76a06383b"`)
        await db.query(`DROP INDEX "public"."IDX_c61cbdce5001f72e772f2ea7db"`)
        await db.query(`DROP INDEX "public"."IDX_3f892201d8a2fd8b405f741c13"`)
        await db.query(`DROP INDEX "public"."IDX_5596d8f23f57fd3c15b683b099"`)
        await db.query(`DROP INDEX "public"."IDX_3a3a67ee557d9b29056d942147"`)
        await db.query(`DROP INDEX "public"."IDX_8b6e388dda32d9c498f38aa83f"`)
        await db.query(`DROP INDEX "public"."IDX_73db3b1efad52fd647ca09fe24"`)
        await db.query(`DROP INDEX "public"."IDX_f3b6c7147130a1e4dc132394db"`)
        await db.query(`DROP INDEX "public"."IDX_13bbb53a5cacce4254e986141b"`)
        await db.query(`DROP INDEX "public"."IDX_ccd538de4831b9fa22de9b72d7"`)
        await db.query(`CREATE INDEX "IDX_210fd74cb538c6d854d4ee48b7" ON "gpu_hour" ("gpu_id", "bucket_start") `)
        await db.query(`CREATE INDEX "IDX_f05aae74ed9922f1df2229be34" ON "gpu_day" ("gpu_id", "bucket_start") `)
    }

    async down(db) {
        await db.query(`CREATE INDEX "IDX_6ab8628dc1e6d4d3d76a06383b" ON "usage_record" ("epoch") `)
        await db.query(`CREATE INDEX "IDX_c61cbdce5001f72e772f2ea7db" ON "revenue_distribution" ("epoch") `)
        await db.query(`CREATE INDEX "IDX_3f892201d8a2fd8b405f741c13" ON "gpu_hour" ("gpu_id") `)
        await db.query(`CREATE INDEX "IDX_5596d8f23f57fd3c15b683b099" ON "gpu_hour" ("operator") `)
        await db.query(`CREATE INDEX "IDX_3a3a67ee557d9b29056d942147" ON "gpu_hour" ("sku") `)
        await db.query(`CREATE INDEX "IDX_8b6e388dda32d9c498f38aa83f" ON "gpu_hour" ("region") `)
        await db.query(`CREATE INDEX "IDX_73db3b1efad52fd647ca09fe24" ON "gpu_day" ("gpu_id") `)
        await db.query(`CREATE INDEX "IDX_f3b6c7147130a1e4dc132394db" ON "gpu_day" ("operator") `)
        await db.query(`CREATE INDEX "IDX_13bbb53a5cacce4254e986141b" ON "gpu_day" ("sku") `)
        await db.query(`CREATE INDEX "IDX_ccd538de4831b9fa22de9b72d7" ON "gpu_day" ("region") `)
        await db.query(`DROP INDEX "public"."IDX_210fd74cb538c6d854d4ee48b7"`)
        await db.query(`DROP INDEX "public"."IDX_f05aae74ed9922f1df2229be34"`)
    }
}
