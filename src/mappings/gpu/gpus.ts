import { In } from 'typeorm'
import { Gpu } from '../../model'
import type { Ctx } from '../../processor/processor'

/** The GPUs a batch touches, shared by the registry and ledger handlers: loaded in one query, saved in one. */
export class GpuBook {
  private readonly wanted = new Set<string>()
  private readonly byId = new Map<string, Gpu>()
  private readonly dirty = new Set<string>()

  want(id: bigint | string) {
    this.wanted.add(String(id))
  }

  async load(ctx: Ctx) {
    const ids = [...this.wanted].filter((id) => !this.byId.has(id))
    if (ids.length === 0) return
    for (const g of await ctx.store.findBy(Gpu, { id: In(ids) })) this.byId.set(g.id, g)
  }

  get(id: bigint | string): Gpu | undefined {
    return this.byId.get(String(id))
  }

  /** Adds a new GPU or marks a loaded one changed. */
  put(gpu: Gpu) {
    this.byId.set(gpu.id, gpu)
    this.dirty.add(gpu.id)
  }

  async save(ctx: Ctx) {
    if (this.dirty.size) await ctx.store.upsert([...this.dirty].map((id) => this.byId.get(id)!))
  }
}
