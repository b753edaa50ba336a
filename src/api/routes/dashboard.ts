import path from 'node:path'
import { PROJECT_ROOT } from '../../config/env'
import { send, sendJson, type Route } from '../http/respond'
import { loadStatic, sendStatic } from '../http/static'

/** The dashboard's files, bundled by `npm run build:web` into lib/web and served from memory. */
const WEB_DIR = path.join(PROJECT_ROOT, 'lib', 'web')

/** GET / (the page) and GET /assets/:file (its script, styles and source map). */
export function dashboardRoutes(): Route[] {
  const files = loadStatic(WEB_DIR, ['index.html', 'app.js', 'app.js.map', 'app.css'])
  return [
    {
      method: 'GET',
      path: /^\/$/,
      async handle(req, res) {
        const page = files.get('index.html')
        if (page) return sendStatic(req, res, page)
        send(res, 503, 'text/plain', 'the dashboard is not built: run npm run build')
      },
    },
    {
      method: 'GET',
      path: /^\/assets\/([a-z.]+)$/,
      async handle(req, res, url, match) {
        const a = files.get(match[1])
        if (!a) return sendJson(res, 404, { error: `no route GET ${url.pathname}` })
        sendStatic(req, res, a)
      },
    },
  ]
}
