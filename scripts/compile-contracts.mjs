// Compiles contracts/ with solc-js (offline) into contracts/out/<Name>.json {abi, bytecode}
// and writes the event ABI of every indexed role to abi/<role>.json, the input of squid-evm-typegen.
// Skips work when no source changed since the last compile.
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { createRequire } from 'node:module'
import { transform } from 'esbuild'

const require = createRequire(import.meta.url)
const solc = require('solc')
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const srcDir = path.join(root, 'contracts')
const outDir = path.join(srcDir, 'out')
const abiDir = path.join(root, 'abi')

// The roles and the events each emits, declared once in src/contracts/roles.ts (plain data, loaded
// here through esbuild's TypeScript transform since nothing is built yet). The indexer decodes only these
// events, and calls or decodes only these functions.
const rolesTs = fs.readFileSync(path.join(root, 'src', 'contracts', 'roles.ts'), 'utf8')
const { code } = await transform(rolesTs, { loader: 'ts', format: 'esm' })
const { ROLES } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)

function listSources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === 'out' ? [] : listSources(p)
    return e.name.endsWith('.sol') ? [p] : []
  })
}

const files = listSources(srcDir).sort()
const sources = Object.fromEntries(
  files.map((f) => [path.relative(srcDir, f), { content: fs.readFileSync(f, 'utf8') }]),
)
const settings = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
}
const stamp = crypto
  .createHash('sha256')
  .update(solc.version() + JSON.stringify(settings) + JSON.stringify(sources) + JSON.stringify(ROLES))
  .digest('hex')
const stampFile = path.join(outDir, '.stamp')
if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
  console.log('contracts: up to date')
  process.exit(0)
}

function findImports(p) {
  try {
    return { contents: fs.readFileSync(require.resolve(p), 'utf8') }
  } catch {
    return { error: `not found: ${p}` }
  }
}

const input = { language: 'Solidity', sources, settings }
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }))
const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
for (const e of output.errors ?? []) if (e.severity !== 'error') console.warn(e.formattedMessage)
if (errors.length) {
  for (const e of errors) console.error(e.formattedMessage)
  process.exit(1)
}

fs.mkdirSync(outDir, { recursive: true })
const compiled = {}
for (const [file, contracts] of Object.entries(output.contracts)) {
  if (!sources[file]) continue // OpenZeppelin sources
  for (const [name, c] of Object.entries(contracts)) {
    if (!c.evm.bytecode.object) continue // interfaces
    compiled[name] = c
    const artifact = { contractName: name, abi: c.abi, bytecode: '0x' + c.evm.bytecode.object }
    fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(artifact, null, 1) + '\n')
  }
}

fs.mkdirSync(abiDir, { recursive: true })
for (const { contract, abi: role, events, calls = [] } of Object.values(ROLES)) {
  const pick = (type, name) => {
    const item = compiled[contract].abi.find((a) => a.type === type && a.name === name)
    if (!item) throw new Error(`${contract} has no ${type} ${name}`)
    return item
  }
  const abi = [...events.map((name) => pick('event', name)), ...calls.map((name) => pick('function', name))]
  fs.writeFileSync(path.join(abiDir, `${role}.json`), JSON.stringify(abi, null, 2) + '\n')
}
fs.writeFileSync(stampFile, stamp)
console.log(`contracts: compiled ${Object.keys(compiled).length} contracts with solc ${solc.version()}`)
