import type http from 'node:http'
import path from 'node:path'
import { PROJECT_ROOT } from '../../config/env'
import { send, sendJson, type Route } from '../http/respond'
import { loadStatic, sendStatic, type StaticFile } from '../http/static'

/**
 * The GraphQL IDE (web/ide: GraphiQL, bundled by `npm run build:web` into lib/web/ide with Monaco's
 * workers and font), served from memory: its page on a browser's GET of /graphql, its files under
 * /ide/. Nothing it loads comes from elsewhere, so it works offline.
 */
const IDE_DIR = path.join(PROJECT_ROOT, 'lib', 'web', 'ide')
const FILES = [
  'index.html',
  'ide.js',
  'ide.css',
  'editor.worker.js',
  'json.worker.js',
  'graphql.worker.js',
  'codicon.ttf',
]

export interface Ide {
  /** the page, or a 503 saying how to build it */
  page(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>
  routes: Route[]
}

export function ide(): Ide {
  const files: Map<string, StaticFile> = loadStatic(IDE_DIR, FILES)
  return {
    async page(req, res) {
      const page = files.get('index.html')
      if (page) return sendStatic(req, res, page)
      send(res, 503, 'text/plain', 'the GraphQL IDE is not built: run npm run build')
    },
    routes: [
      {
        method: 'GET',
        path: /^\/ide\/([a-z.]+)$/,
        async handle(req, res, url, match) {
          const f = match[1] === 'index.html' ? undefined : files.get(match[1])
          if (!f) return sendJson(res, 404, { error: `no route GET ${url.pathname}` })
          sendStatic(req, res, f)
        },
      },
    ],
  }
}
