// Bundles the dashboard (web/) into lib/web: one script, one stylesheet, the page. Everything is
// served by our API server; nothing is fetched from a CDN (users may be offline).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
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
const size = (f) => `${(fs.statSync(path.join(out, f)).size / 1024).toFixed(0)} KiB`
console.log(`web: lib/web/app.js ${size('app.js')}, app.css ${size('app.css')}`)
