module.exports = class Data1796127857852 {
    name = 'Data1796127857852'

    async up(db) {
        await db.query(`ALTER TABLE "indexer_state" DROP COLUMN "finalized_height"`)
    }

    async down(db) {
        await db.query(`ALTER TABLE "indexer_state" ADD "finalized_height" integer NOT NULL`)
    }
}
