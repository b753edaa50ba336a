/**
 * Where a batch's time goes, summed over batches: `mark(name)` charges the time since the last mark
 * to `name`. Off by default (`DEAI_PROFILE=1` turns it on); the benchmark reads it from the logs.
 */
export class PhaseTimer {
  readonly totals = new Map<string, number>()
  private last = performance.now()

  start() {
    this.last = performance.now()
  }

  mark(name: string) {
    const now = performance.now()
    this.totals.set(name, (this.totals.get(name) ?? 0) + now - this.last)
    this.last = now
  }

  /** Milliseconds per phase, largest first. */
  summary(): Record<string, number> {
    return Object.fromEntries([...this.totals].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v)]))
  }
}

export const NO_TIMER = { start() {}, mark() {} } as Pick<PhaseTimer, 'start' | 'mark'>
