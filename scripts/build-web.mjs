// Bundles the dashboard (web/) into lib/web: one script, one stylesheet, the page. Everything is
// served by our API server; nothing is fetched from a CDN (users may be offline).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'lib', 'web')
fs.mkdirSync(out, { recursive: true })
await build({
  entryPoints: [path.join(root, 'web', 'src', 'main.ts')],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  outfile: path.join(out, 'app.js'),
  logLevel: 'warning',
})
const css = [path.join(root, 'node_modules', 'uplot', 'dist', 'uPlot.min.css'), path.join(root, 'web', 'style.css')]
fs.writeFileSync(path.join(out, 'app.css'), css.map((f) => fs.readFileSync(f, 'utf8')).join('\n'))
fs.copyFileSync(path.join(root, 'web', 'index.html'), path.join(out, 'index.html'))

// The GraphQL IDE (web/ide): GraphiQL with Monaco, whose language services run in web workers. The
// workers are bundled as scripts of their own and served from /ide/ too, as is the editor's font.
const ide = path.join(out, 'ide')
fs.mkdirSync(ide, { recursive: true })
const modules = path.join(root, 'node_modules')
await build({
  entryPoints: {
    ide: path.join(root, 'web', 'ide', 'main.tsx'),
    'editor.worker': path.join(modules, 'monaco-editor', 'esm', 'vs', 'editor', 'editor.worker.js'),
    'json.worker': path.join(modules, 'monaco-editor', 'esm', 'vs', 'language', 'json', 'json.worker.js'),
    'graphql.worker': path.join(modules, 'monaco-graphql', 'esm', 'graphql.worker.js'),
  },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  loader: { '.ttf': 'file' },
  assetNames: '[name]',
  define: { 'process.env.NODE_ENV': '"production"' },
  outdir: ide,
  logLevel: 'warning',
})
fs.copyFileSync(path.join(root, 'web', 'ide', 'index.html'), path.join(ide, 'index.html'))
// compressed once here, so the server sends the 5 MB editor as about 1.4 MB without working for it
for (const dir of [out, ide])
  for (const f of fs.readdirSync(dir))
    if (/\.(js|css|ttf)$/.test(f))
      fs.writeFileSync(path.join(dir, `${f}.gz`), gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }))

const size = (f) => `${(fs.statSync(path.join(out, f)).size / 1024).toFixed(0)} KiB`
console.log(`web: lib/web/app.js ${size('app.js')}, app.css ${size('app.css')}; ide/ide.js ${size('ide/ide.js')}`)
