import './production' // first: before graphql is loaded (production.ts says why)
import { apiEnv, NO_DATABASE } from '../config/env'
import { ConfigError, exitOnError } from '../config/errors'
import { startApiServer } from './server'

/** `npm run api`: the API server alone, reading the database variables (env.ts) and GQL_HOST/GQL_PORT. */
async function main() {
  const env = apiEnv()
  if (!env.databaseUrl) throw new ConfigError('DATABASE_URL', NO_DATABASE)
  const server = await startApiServer({
    databaseUrl: env.databaseUrl,
    port: env.port,
    host: env.host,
    introspection: env.introspection,
    ide: env.ide,
    cacheBytes: env.cacheBytes,
  })
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'API listening',
      graphql: `${server.url}/graphql`,
      health: `${server.url}/health`,
    }),
  )
  const stop = async () => {
    await server.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch(exitOnError)
