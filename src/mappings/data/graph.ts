/** The derivation DAG as far as a batch needs it (pure: no ORM, unit-testable). Edges point child -> parent. */
export const derivationId = (child: string, parent: string) => `${child}-${parent}`

export class DerivationGraph {
  private readonly parentsOf = new Map<string, Set<string>>()

  add(child: string, parent: string) {
    let s = this.parentsOf.get(child)
    if (!s) this.parentsOf.set(child, (s = new Set()))
    s.add(parent)
  }

  /** Adds a stored edge from its id ("<child>-<parent>"); returns the parent. */
  addId(id: string): string {
    const [child, parent] = id.split('-')
    this.add(child, parent)
    return parent
  }

  has(child: string, parent: string): boolean {
    return this.parentsOf.get(child)?.has(parent) ?? false
  }

  /** Whether `target` is `from` or one of its ancestors (walking child -> parent edges). */
  reaches(from: string, target: string): boolean {
    const stack = [from]
    const seen = new Set<string>()
    while (stack.length) {
      const v = stack.pop()!
      if (v === target) return true
      if (seen.has(v)) continue
      seen.add(v)
      for (const p of this.parentsOf.get(v) ?? []) stack.push(p)
    }
    return false
  }
}
