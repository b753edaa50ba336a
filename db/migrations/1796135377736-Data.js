module.exports = class Data1796135377736 {
    name = 'Data1796135377736'

    async up(db) {
        await db.query(`ALTER TABLE "vault" ALTER COLUMN "asset_decimals" DROP DEFAULT`)
        await db.query(`ALTER TABLE "vault" ALTER COLUMN "share_decimals" DROP DEFAULT`)
        await db.query(`ALTER TABLE "vault" ALTER COLUMN "state_source" DROP DEFAULT`)
        await db.query(`ALTER TABLE "entitlement" ALTER COLUMN "expired" DROP DEFAULT`)
        await db.query(`ALTER TABLE "model_token" ALTER COLUMN "standard" DROP DEFAULT`)
        await db.query(`ALTER TABLE "model_token" ALTER COLUMN "log_index" DROP NOT NULL`)
        await db.query(`ALTER TABLE "burn_redemption" ALTER COLUMN "log_index" DROP NOT NULL`)
    }

    async down(db) {
        await db.query(`ALTER TABLE "vault" ALTER COLUMN "asset_decimals" SET DEFAULT '18'`)
        await db.query(`ALTER TABLE "vault" ALTER COLUMN "share_decimals" SET DEFAULT '18'`)
        await db.query(`ALTER TABLE "vault" ALTER COLUMN "state_source" SET DEFAULT 'EVENTS'`)
        await db.query(`ALTER TABLE "entitlement" ALTER COLUMN "expired" SET DEFAULT false`)
        await db.query(`ALTER TABLE "model_token" ALTER COLUMN "standard" SET DEFAULT 'DEAI'`)
        await db.query(`ALTER TABLE "model_token" ALTER COLUMN "log_index" SET NOT NULL`)
        await db.query(`ALTER TABLE "burn_redemption" ALTER COLUMN "log_index" SET NOT NULL`)
    }
}
