module.exports = class Data1795652035266 {
    name = 'Data1795652035266'

    async up(db) {
        await db.query(`CREATE TABLE "vault_share_transfer" ("id" character varying NOT NULL, "from" text NOT NULL, "to" text NOT NULL, "shares" numeric NOT NULL, "tx_hash" text NOT NULL, "block_number" integer NOT NULL, "block_time" TIMESTAMP WITH TIME ZONE NOT NULL, "log_index" integer NOT NULL, "vault_id" character varying, CONSTRAINT "PK_2aca37bc0350cc867ff3b1a65df" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_237a4d9d2ccc2d790e574257b4" ON "vault_share_transfer" ("vault_id", "block_number") `)
        await db.query(`ALTER TABLE "vault_share_transfer" ADD CONSTRAINT "FK_fda6ce1c69a15640a97a86c6ddc" FOREIGN KEY ("vault_id") REFERENCES "vault"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`)
    }

    async down(db) {
        await db.query(`DROP TABLE "vault_share_transfer"`)
        await db.query(`DROP INDEX "public"."IDX_237a4d9d2ccc2d790e574257b4"`)
        await db.query(`ALTER TABLE "vault_share_transfer" DROP CONSTRAINT "FK_fda6ce1c69a15640a97a86c6ddc"`)
    }
}
