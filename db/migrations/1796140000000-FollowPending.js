// Written by hand (not generated): addresses the processor found on chain and must subscribe to,
// recorded just before it restarts to replay the batch that found them (docs/processor.md,
// "Following new addresses"). Outside the indexed data: the batch that found them was not committed.
module.exports = class FollowPending1796140000000 {
    name = 'FollowPending1796140000000'

    async up(db) {
        await db.query(`
            CREATE TABLE IF NOT EXISTS follow_pending (
                kind text NOT NULL,
                address text NOT NULL,
                vault text NOT NULL DEFAULT '',
                standard text,
                from_block integer NOT NULL,
                PRIMARY KEY (kind, address, vault)
            )`)
    }

    async down(db) {
        await db.query(`DROP TABLE follow_pending`)
    }
}
