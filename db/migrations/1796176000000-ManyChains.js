// Written by hand (not generated): one database for several chains (docs/processor.md, "Many chains").
//
// Every stored id now starts with its chain ("<chainId>:…") and every row has a chain_id (the next,
// generated, migration). An index made by the single-chain version has ids without a chain, and
// mixing them with chain-qualified ones would serve wrong answers, so such a database is refused
// here, plainly, before anything changes: it must be indexed again into an empty database.
// The processors' side tables gain their chain: the heartbeat is one row per chain (its id is the
// chain id) with the network's name, and pending follows are kept per chain.
const REINDEX =
    'reindex required: this database holds an index made by the single-chain version of deai-squid ' +
    '(progress in schema squid_processor, ids without a chain). Ids are now "<chainId>:<id>" and cannot be ' +
    'mixed with the old ones. Index again into an empty database (or drop the schemas public and squid_processor ' +
    'of this one); see docs/processor.md, "Many chains".'

module.exports = class ManyChains1796176000000 {
    name = 'ManyChains1796176000000'

    async up(db) {
        const [{ old, rows }] = await db.query(`
            SELECT to_regclass('squid_processor.status') IS NOT NULL AS old,
                   EXISTS (SELECT 1 FROM indexer_state) OR EXISTS (SELECT 1 FROM account) AS rows`)
        if (old || rows) throw new Error(REINDEX)
        await db.query(`ALTER TABLE processor_heartbeat ADD COLUMN IF NOT EXISTS name text`)
        await db.query(`DELETE FROM processor_heartbeat`)
        await db.query(`DROP TABLE follow_pending`)
        await db.query(`
            CREATE TABLE follow_pending (
                chain_id integer NOT NULL,
                kind text NOT NULL,
                address text NOT NULL,
                vault text NOT NULL DEFAULT '',
                standard text,
                from_block integer NOT NULL,
                PRIMARY KEY (chain_id, kind, address, vault)
            )`)
    }

    async down(db) {
        await db.query(`DROP TABLE follow_pending`)
        await db.query(`
            CREATE TABLE follow_pending (
                kind text NOT NULL,
                address text NOT NULL,
                vault text NOT NULL DEFAULT '',
                standard text,
                from_block integer NOT NULL,
                PRIMARY KEY (kind, address, vault)
            )`)
        await db.query(`ALTER TABLE processor_heartbeat DROP COLUMN name`)
    }
}
