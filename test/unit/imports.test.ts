import fs from 'node:fs'
import path from 'node:path'

/**
 * The folders of src/ depend on each other in one direction: a folder never imports, directly or
 * through others, a folder that imports it. The mappings know nothing of the processor that drives
 * them (they take the SDK's types from src/mappings/shared/types.ts).
 */
const SRC = path.resolve(__dirname, '..', '..', 'src')

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : []
  })
}

/** folder → the folders its files import from (relative imports only) */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>()
  for (const file of files(SRC)) {
    const from = path.relative(SRC, path.dirname(file))
    const deps = graph.get(from) ?? new Set<string>()
    graph.set(from, deps)
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)) {
      let target = path.resolve(path.dirname(file), m[1])
      // an import of a folder is of its index.ts; of a file, of the file's folder
      if (!(fs.existsSync(target) && fs.statSync(target).isDirectory())) target = path.dirname(target)
      const to = path.relative(SRC, target)
      if (to !== from) deps.add(to)
    }
  }
  return graph
}

it('has no import circle among the folders of src/', () => {
  const graph = folderGraph()
  // Tarjan's strongly connected components: any component of two or more folders is a circle
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const circles: string[][] = []
  const visit = (v: string) => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      let w: string
      do component.push((w = stack.pop()!))
      while (w !== v)
      if (component.length > 1) circles.push(component.sort())
    }
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  expect(circles).toEqual([])
})

it('keeps the mappings free of the processor', () => {
  const graph = folderGraph()
  const offending = [...graph].filter(
    ([from, deps]) => from.startsWith('mappings') && [...deps].some((d) => d.startsWith('processor')),
  )
  expect(offending).toEqual([])
})
