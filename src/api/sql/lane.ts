/** A lane that holds at most `size` requests (or statements) at once; the others wait in arrival order. */
export class Lane {
  private busy = 0
  private readonly waiting: (() => void)[] = []
  constructor(private readonly size: number) {}

  async enter(): Promise<() => void> {
    if (this.busy < this.size) this.busy++
    else await new Promise<void>((r) => this.waiting.push(r))
    let left = false
    return () => {
      if (left) return
      left = true
      const next = this.waiting.shift()
      if (next) next()
      else this.busy--
    }
  }
}
