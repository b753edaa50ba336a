import fs from 'node:fs'
import path from 'node:path'
import semver from 'semver'

/**
 * What `npm ci` says on the Node versions the README names: no EBADENGINE (every locked package
 * supports our lowest Node) and no "not covered by allowScripts" (every install script that runs on
 * this platform is approved), read from the lockfile npm installs from.
 */
const root = path.resolve(__dirname, '..', '..')
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'))
const packages = Object.entries(lock.packages as Record<string, any>).filter(([p]) => p !== '')

it('declares a Node range every locked package supports', () => {
  const lowest = semver.minVersion(pkg.engines.node)!.version
  const refusing = packages
    .filter(([, v]) => v.engines?.node && !semver.satisfies(lowest, v.engines.node))
    .map(([p, v]) => `${p} wants ${v.engines.node}`)
  expect(refusing).toEqual([])
  // and the README says the same
  expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(`Node ${lowest.replace(/\.0$/, '')}`)
})

it('approves every install script that runs here', () => {
  const runsHere = (v: any) => (!v.os || v.os.includes(process.platform)) && (!v.cpu || v.cpu.includes(process.arch))
  const name = (p: string) => p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length)
  const unapproved = packages
    .filter(([, v]) => v.hasInstallScript && runsHere(v))
    .map(([p]) => name(p))
    .filter((n) => pkg.allowScripts?.[n] !== true)
  expect(unapproved).toEqual([])
})
