import fs from 'node:fs'
import path from 'node:path'
import { PROJECT_ROOT } from '../../config/env'
import { send, type Route } from '../http/respond'

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

function loadDashboard(): Map<string, Asset> {
  const files = new Map<string, Asset>()
  for (const [name, type] of Object.entries(TYPES)) {
    const file = path.join(WEB_DIR, name)
    if (fs.existsSync(file)) files.set(name, { type, body: fs.readFileSync(file) })
  }
  return files
}

/** GET / (the page) and GET /assets/:file (its script, styles and source map). */
export function dashboardRoutes(): Route[] {
  const files = loadDashboard()
  return [
    {
      method: 'GET',
      path: /^\/$/,
      async handle(_req, res) {
        const page = files.get('index.html')
        if (page) return send(res, 200, page.type, page.body)
        send(res, 503, 'text/plain', 'the dashboard is not built: run npm run build')
      },
    },
    {
      method: 'GET',
      path: /^\/assets\/([a-z.]+)$/,
      async handle(_req, res, url, match) {
        const a = files.get(match[1])
        if (!a) return send(res, 404, 'application/json', JSON.stringify({ error: `no route GET ${url.pathname}` }))
        res.setHeader('cache-control', 'no-cache')
        send(res, 200, a.type, a.body)
      },
    },
  ]
}
