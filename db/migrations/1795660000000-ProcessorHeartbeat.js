// Written by hand (not generated): the processor's heartbeat, outside the indexed data.
//
// The supervisor of `npm run processor` writes one row every few seconds, whether its worker runs,
// restarts or is stuck: the chain head it read from the RPC, the indexed height and when it last
// moved, restarts and the last error. The API's /health reads it to tell "stalled" from "syncing"
// (docs/processor.md, "Health"). It is not an entity: reorgs do not roll it back.
module.exports = class ProcessorHeartbeat1795660000000 {
    name = 'ProcessorHeartbeat1795660000000'

    async up(db) {
        await db.query(`
            CREATE TABLE IF NOT EXISTS processor_heartbeat (
                id text PRIMARY KEY,
                chain_height integer,
                indexed_height integer,
                advanced_at timestamptz NOT NULL,
                chain_height_at_advance integer,
                restarts integer NOT NULL DEFAULT 0,
                last_error text,
                worker_running boolean NOT NULL,
                finished boolean NOT NULL DEFAULT false,
                explorer_url text,
                updated_at timestamptz NOT NULL
            )`)
    }

    async down(db) {
        await db.query(`DROP TABLE processor_heartbeat`)
    }
}
