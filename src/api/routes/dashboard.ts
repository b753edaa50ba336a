import fs from 'node:fs'
import path from 'node:path'
import { PROJECT_ROOT } from '../../config/env'

/** The dashboard's files, bundled by `npm run build:web` into lib/web and served from memory. */
const WEB_DIR = path.join(PROJECT_ROOT, 'lib', 'web')
const TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.js.map': 'application/json',
  'app.css': 'text/css; charset=utf-8',
}

export interface Asset {
  type: string
  body: Buffer
}

export function loadDashboard(): Map<string, Asset> {
  const files = new Map<string, Asset>()
  for (const [name, type] of Object.entries(TYPES)) {
    const file = path.join(WEB_DIR, name)
    if (fs.existsSync(file)) files.set(name, { type, body: fs.readFileSync(file) })
  }
  return files
}
