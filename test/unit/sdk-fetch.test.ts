import { mergeReady } from '../../src/sdk/batches'
import { nodeFilters } from '../../src/sdk/logFilters'

/** The two speed patches of src/sdk: the node filters a subscription becomes, and merged batches. */
describe('nodeFilters', () => {
  const A = '0x' + 'a'.repeat(40)
  const B = '0x' + 'b'.repeat(40)
  const T1 = '0x' + '1'.repeat(64)
  const T2 = '0x' + '2'.repeat(64)
  const V = '0x' + '0'.repeat(24) + 'c'.repeat(40)

  it('merges requests that differ only in address and topic0 into one filter', () => {
    expect(
      nodeFilters({
        logs: [
          { address: [B], topic0: [T2] },
          { address: [A], topic0: [T1, T2] },
        ],
      }),
    ).toEqual([{ address: [A, B], topics: [[T1, T2]] }])
  })

  it('keeps a request with an indexed-topic condition as its own filter, with null for the open positions', () => {
    expect(
      nodeFilters({
        logs: [
          { address: [A], topic0: [T1] },
          { address: [B], topic0: [T1], topic1: [V] },
          { address: [B], topic0: [T1], topic2: [V] },
        ],
      }),
    ).toEqual([
      { address: [A], topics: [[T1]] },
      { address: [B], topics: [[T1], [V]] },
      { address: [B], topics: [[T1], null, [V]] },
    ])
  })

  it('lets a request without addresses widen its group to every address', () => {
    expect(nodeFilters({ logs: [{ address: [A], topic0: [T1] }, { topic0: [T2] }] })).toEqual([{ topics: [[T1, T2]] }])
  })

  it('drops a request that matches nothing', () => {
    expect(
      nodeFilters({
        logs: [
          { address: [], topic0: [T1] },
          { address: [A], topic0: [T1] },
        ],
      }),
    ).toEqual([{ address: [A], topics: [[T1]] }])
  })

  it('refuses (the SDK fetches every log) when a request needs all logs, or all logs of a transaction', () => {
    expect(nodeFilters({ logs: [{ address: [A] }, {}] })).toBeUndefined()
    expect(nodeFilters({ logs: [{ address: [A], transactionLogs: true }] })).toBeUndefined()
    expect(nodeFilters({ logs: [{ address: [A] }], transactions: [{ logs: true }] })).toBeUndefined()
    expect(nodeFilters({ logs: [{ address: [A] }], traces: [{ transactionLogs: true }] })).toBeUndefined()
  })

  it('needs no filter for a subscription of transactions only', () => {
    expect(nodeFilters({ transactions: [{}] })).toEqual([])
  })
})

describe('mergeReady', () => {
  type B = { blocks: { header: { height: number }; logs: unknown[] }[]; isHead: boolean }
  const batch = (from: number, n: number, logsPerBlock = 0, isHead = false): B => ({
    blocks: Array.from({ length: n }, (_, i) => ({ header: { height: from + i }, logs: new Array(logsPerBlock) })),
    isHead,
  })
  const heights = (b: B) => b.blocks.map((x) => x.header.height)

  /** A source whose batches are released one by one by the test. */
  function gated(batches: B[]) {
    const gates = batches.map(() => {
      let open!: () => void
      const p = new Promise<void>((r) => (open = r))
      return { p, open }
    })
    async function* source() {
      for (let i = 0; i < batches.length; i++) {
        await gates[i].p
        yield batches[i]
      }
    }
    return { source: source(), open: (i: number) => gates[i].open() }
  }
  const tick = () => new Promise((r) => setTimeout(r, 5))

  it('hands over every ready batch as one, in block order, with the last isHead', async () => {
    const { source, open } = gated([batch(0, 2), batch(2, 2), batch(4, 2, 0, true)])
    const it = mergeReady(source, 1000)[Symbol.asyncIterator]()
    open(0)
    const first = (await it.next()).value as B
    expect(heights(first)).toEqual([0, 1])
    open(1)
    open(2)
    await tick()
    const second = (await it.next()).value as B
    expect(heights(second)).toEqual([2, 3, 4, 5])
    expect(second.isHead).toBe(true)
    expect((await it.next()).done).toBe(true)
  })

  it('stops merging at the item bound, but always hands over at least one batch', async () => {
    // items: 10 blocks + 10 logs each = 110 per batch
    const { source, open } = gated([batch(0, 10, 10), batch(10, 10, 10), batch(20, 10, 10), batch(30, 10, 10)])
    const it = mergeReady(source, 250)[Symbol.asyncIterator]()
    open(0)
    const range = (b: B) => [b.blocks[0].header.height, b.blocks[b.blocks.length - 1].header.height]
    expect(range((await it.next()).value as B)).toEqual([0, 9])
    for (let i = 1; i < 4; i++) open(i)
    await tick()
    expect(range((await it.next()).value as B)).toEqual([10, 29])
    expect(range((await it.next()).value as B)).toEqual([30, 39])
    expect((await it.next()).done).toBe(true)
    const big = gated([batch(0, 5, 100)])
    big.open(0)
    const only: number[][] = []
    for await (const b of mergeReady(big.source, 10)) only.push(heights(b as B))
    expect(only).toEqual([[0, 1, 2, 3, 4]])
  })

  it('reads nothing ahead while the handler holds a batch as large as the bound (no memory beyond the SDK’s own)', async () => {
    let produced = 0
    async function* big() {
      for (let i = 0; i < 5; i++) {
        produced++
        yield batch(i * 10, 10, 30) // 310 items each
      }
    }
    const it = mergeReady(big(), 250)[Symbol.asyncIterator]()
    await it.next()
    await tick()
    // the handler holds batch 0; the pump may not have taken batch 1 from the source
    expect(produced).toBe(1)
    await it.next()
    await tick()
    expect(produced).toBe(2)
  })

  it("passes on the source's failure after the batches that came before it", async () => {
    async function* failing() {
      yield batch(0, 1)
      throw new Error('rpc down')
    }
    const seen: number[][] = []
    await expect(
      (async () => {
        for await (const b of mergeReady(failing(), 1000)) seen.push(heights(b as B))
      })(),
    ).rejects.toThrow('rpc down')
    expect(seen).toEqual([[0]])
  })
})
