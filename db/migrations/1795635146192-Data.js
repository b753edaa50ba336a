module.exports = class Data1795635146192 {
    name = 'Data1795635146192'

    async up(db) {
        await db.query(`CREATE TABLE "usage_record" ("id" character varying NOT NULL, "epoch" numeric NOT NULL, "epoch_start" TIMESTAMP WITH TIME ZONE NOT NULL, "epoch_length" integer NOT NULL, "available_sec" integer NOT NULL, "rented_sec" integer NOT NULL, "gross_revenue" numeric NOT NULL, "asset" text NOT NULL, "reports" integer NOT NULL, "tx_hash" text NOT NULL, "block_number" integer NOT NULL, "block_time" TIMESTAMP WITH TIME ZONE NOT NULL, "log_index" integer NOT NULL, "gpu_id" character varying, CONSTRAINT "PK_f22cc039acc8b1bd333978b7cf7" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_8c3cf39a97159dcab0fce7fdd5" ON "usage_record" ("gpu_id") `)
        await db.query(`CREATE INDEX "IDX_6ab8628dc1e6d4d3d76a06383b" ON "usage_record" ("epoch") `)
        await db.query(`CREATE INDEX "IDX_1c46f250a701dc613756f5d964" ON "usage_record" ("epoch_start") `)
        await db.query(`CREATE TABLE "usage_report" ("id" character varying NOT NULL, "epoch" numeric NOT NULL, "available_sec" integer NOT NULL, "rented_sec" integer NOT NULL, "gross_revenue" numeric NOT NULL, "superseded" boolean NOT NULL, "tx_hash" text NOT NULL, "block_number" integer NOT NULL, "block_time" TIMESTAMP WITH TIME ZONE NOT NULL, "log_index" integer NOT NULL, "record_id" character varying, "gpu_id" character varying, CONSTRAINT "PK_67fd6ba46db34a2ca015153dbe4" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_dcc6e0e43189fec697f759bdf0" ON "usage_report" ("record_id") `)
        await db.query(`CREATE INDEX "IDX_e6c4cf6dd534f5fa49e7b25206" ON "usage_report" ("gpu_id") `)
        await db.query(`CREATE TABLE "revenue_distribution" ("id" character varying NOT NULL, "epoch" numeric NOT NULL, "asset" text NOT NULL, "gross" numeric NOT NULL, "operator_fee" numeric NOT NULL, "protocol_fee" numeric NOT NULL, "net" numeric NOT NULL, "tx_hash" text NOT NULL, "block_number" integer NOT NULL, "block_time" TIMESTAMP WITH TIME ZONE NOT NULL, "log_index" integer NOT NULL, "gpu_id" character varying, "beneficiary_id" character varying, CONSTRAINT "PK_5cf7ef2ce5c4ab0dbc4e1ba2017" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_103eef00f6d5e2c0d2bff8a49a" ON "revenue_distribution" ("gpu_id") `)
        await db.query(`CREATE INDEX "IDX_c61cbdce5001f72e772f2ea7db" ON "revenue_distribution" ("epoch") `)
        await db.query(`CREATE INDEX "IDX_0c40ffefd62727013d1f4458e6" ON "revenue_distribution" ("beneficiary_id") `)
        await db.query(`CREATE INDEX "IDX_637387b843e418a8642423c722" ON "revenue_distribution" ("block_time") `)
        await db.query(`ALTER TABLE "usage_record" ADD CONSTRAINT "FK_8c3cf39a97159dcab0fce7fdd5b" FOREIGN KEY ("gpu_id") REFERENCES "gpu"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`)
        await db.query(`ALTER TABLE "usage_report" ADD CONSTRAINT "FK_dcc6e0e43189fec697f759bdf0d" FOREIGN KEY ("record_id") REFERENCES "usage_record"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`)
        await db.query(`ALTER TABLE "usage_report" ADD CONSTRAINT "FK_e6c4cf6dd534f5fa49e7b252068" FOREIGN KEY ("gpu_id") REFERENCES "gpu"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`)
        await db.query(`ALTER TABLE "revenue_distribution" ADD CONSTRAINT "FK_103eef00f6d5e2c0d2bff8a49af" FOREIGN KEY ("gpu_id") REFERENCES "gpu"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`)
        await db.query(`ALTER TABLE "revenue_distribution" ADD CONSTRAINT "FK_0c40ffefd62727013d1f4458e6a" FOREIGN KEY ("beneficiary_id") REFERENCES "account"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`)
    }

    async down(db) {
        await db.query(`DROP TABLE "usage_record"`)
        await db.query(`DROP INDEX "public"."IDX_8c3cf39a97159dcab0fce7fdd5"`)
        await db.query(`DROP INDEX "public"."IDX_6ab8628dc1e6d4d3d76a06383b"`)
        await db.query(`DROP INDEX "public"."IDX_1c46f250a701dc613756f5d964"`)
        await db.query(`DROP TABLE "usage_report"`)
        await db.query(`DROP INDEX "public"."IDX_dcc6e0e43189fec697f759bdf0"`)
        await db.query(`DROP INDEX "public"."IDX_e6c4cf6dd534f5fa49e7b25206"`)
        await db.query(`DROP TABLE "revenue_distribution"`)
        await db.query(`DROP INDEX "public"."IDX_103eef00f6d5e2c0d2bff8a49a"`)
        await db.query(`DROP INDEX "public"."IDX_c61cbdce5001f72e772f2ea7db"`)
        await db.query(`DROP INDEX "public"."IDX_0c40ffefd62727013d1f4458e6"`)
        await db.query(`DROP INDEX "public"."IDX_637387b843e418a8642423c722"`)
        await db.query(`ALTER TABLE "usage_record" DROP CONSTRAINT "FK_8c3cf39a97159dcab0fce7fdd5b"`)
        await db.query(`ALTER TABLE "usage_report" DROP CONSTRAINT "FK_dcc6e0e43189fec697f759bdf0d"`)
        await db.query(`ALTER TABLE "usage_report" DROP CONSTRAINT "FK_e6c4cf6dd534f5fa49e7b252068"`)
        await db.query(`ALTER TABLE "revenue_distribution" DROP CONSTRAINT "FK_103eef00f6d5e2c0d2bff8a49af"`)
        await db.query(`ALTER TABLE "revenue_distribution" DROP CONSTRAINT "FK_0c40ffefd62727013d1f4458e6a"`)
    }
}
