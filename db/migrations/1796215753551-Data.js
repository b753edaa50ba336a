module.exports = class Data1796215753551 {
    name = 'Data1796215753551'

    async up(db) {
        await db.query(`DROP INDEX "public"."IDX_c3b6f1f88f2b5941a2cec0f25d"`)
        await db.query(`CREATE TABLE "block_time" ("id" character varying NOT NULL, "chain_id" integer NOT NULL, "number" integer NOT NULL, "time" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5e93da6ee1156a6ce0e2e67e36a" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_eb51b8700069e4350738643191" ON "block_time" ("chain_id", "number") `)
        await db.query(`ALTER TABLE "entitlement" ADD "expired_block" integer`)
        await db.query(`ALTER TABLE "contribution" ADD "revoked_block" integer`)
        await db.query(`CREATE INDEX "IDX_15839ac56b8829ddc99e7064b8" ON "scope_valuation" ("chain_id", "operator", "sku", "region", "valuation_asset", "block_time", "block_number") `)
    }

    async down(db) {
        await db.query(`CREATE INDEX "IDX_c3b6f1f88f2b5941a2cec0f25d" ON "scope_valuation" ("block_number", "block_time", "operator", "region", "sku", "valuation_asset") `)
        await db.query(`DROP TABLE "block_time"`)
        await db.query(`DROP INDEX "public"."IDX_eb51b8700069e4350738643191"`)
        await db.query(`ALTER TABLE "entitlement" DROP COLUMN "expired_block"`)
        await db.query(`ALTER TABLE "contribution" DROP COLUMN "revoked_block"`)
        await db.query(`DROP INDEX "public"."IDX_15839ac56b8829ddc99e7064b8"`)
    }
}
