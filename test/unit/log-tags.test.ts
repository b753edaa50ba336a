import { tagLine } from '../../src/processor/supervisor'

describe('tagLine (several chains in one output)', () => {
  it('adds chainId to a JSON log record, first, keeping every field', () => {
    const line = '{"level":2,"time":1,"ns":"sqd:processor","msg":"1 / 5, rate: 3 blocks/sec"}'
    expect(tagLine(line, 8453)).toBe(
      '{"chainId":8453,"level":2,"time":1,"ns":"sqd:processor","msg":"1 / 5, rate: 3 blocks/sec"}',
    )
  })
  it("keeps a record that already names its chain as it is, even another one's", () => {
    const line = '{"level":"warn","ns":"deai:supervisor","msg":"x","chainId":1}'
    expect(tagLine(line, 8453)).toBe(line)
  })
  it('prefixes text, and JSON that is not a record, with the chain', () => {
    expect(tagLine('02:11:05 INFO  sqd:processor processing blocks from 0', 1)).toBe(
      '[chain 1] 02:11:05 INFO  sqd:processor processing blocks from 0',
    )
    expect(tagLine('{not json}', 1)).toBe('[chain 1] {not json}')
    expect(tagLine('', 1)).toBe('[chain 1] ')
  })
})
