module.exports = class Data1795647370469 {
    name = 'Data1795647370469'

    async up(db) {
        await db.query(`DROP INDEX "public"."IDX_2e1aa407c49bcbfd4c58bbbecc"`)
        await db.query(`CREATE INDEX "IDX_62a8aca60674fd5ed47783a08d" ON "vault_state" ("vault_id", "block_time", "block_number", "log_index") `)
    }

    async down(db) {
        await db.query(`CREATE INDEX "IDX_2e1aa407c49bcbfd4c58bbbecc" ON "vault_state" ("block_time", "vault_id") `)
        await db.query(`DROP INDEX "public"."IDX_62a8aca60674fd5ed47783a08d"`)
    }
}
