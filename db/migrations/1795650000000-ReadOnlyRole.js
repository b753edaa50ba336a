// Written by hand (not generated): the API's least-privilege role.
//
// `deai_api_reader` cannot log in and may only read. The API switches every pooled session to it
// (src/api/sql/pool.ts), so a resolver that tried to write would lack the privilege, on top of the
// session being read-only. The role is granted to the user running the migrations; an operator who
// wants a separate login for the API creates one and grants it `deai_api_reader`.
//
// A database user without CREATEROLE cannot create it: then the migration says so and goes on, and
// the API keeps its read-only sessions only.
module.exports = class ReadOnlyRole1795650000000 {
    name = 'ReadOnlyRole1795650000000'

    async up(db) {
        await db.query(`
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'deai_api_reader') THEN
                    CREATE ROLE deai_api_reader NOLOGIN;
                END IF;
                EXECUTE format('GRANT deai_api_reader TO %I', current_user);
            EXCEPTION WHEN insufficient_privilege THEN
                RAISE NOTICE 'deai_api_reader not created (%): the API will use read-only sessions only', SQLERRM;
            END $$`)
        const [{ ok }] = await db.query(
            `SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = 'deai_api_reader') AS ok`,
        )
        if (!ok) return
        // the processor creates squid_processor (its position) later; create it now to grant on it
        await db.query(`CREATE SCHEMA IF NOT EXISTS squid_processor`)
        for (const schema of ['public', 'squid_processor']) {
            await db.query(`GRANT USAGE ON SCHEMA ${schema} TO deai_api_reader`)
            await db.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO deai_api_reader`)
            await db.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT ON TABLES TO deai_api_reader`)
        }
    }

    async down(db) {
        for (const schema of ['public', 'squid_processor']) {
            await db.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} REVOKE SELECT ON TABLES FROM deai_api_reader`)
            await db.query(`REVOKE SELECT ON ALL TABLES IN SCHEMA ${schema} FROM deai_api_reader`)
            await db.query(`REVOKE USAGE ON SCHEMA ${schema} FROM deai_api_reader`)
        }
        // the role itself is cluster-wide and may serve other databases: it stays
    }
}
