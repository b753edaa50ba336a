/** Collects the values of a parameterised SQL statement: `p.add(v)` returns its placeholder ($n). */
export class Params {
  readonly values: unknown[] = []
  add(v: unknown): string {
    this.values.push(v)
    return `$${this.values.length}`
  }
}

/** numeric/int8 text from pg → bigint (null/undefined → 0). */
export function big(v: string | null | undefined): bigint {
  return v == null ? 0n : BigInt(v)
}
