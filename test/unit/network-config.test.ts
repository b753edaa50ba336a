import { parseNetworkConfig } from '../../src/config/network'

const valid = {
  name: 'local',
  chainId: 31337,
  rpcUrl: 'http://127.0.0.1:8545',
  gatewayUrl: null,
  finalityConfirmation: 5,
  fromBlock: 0,
  toBlock: null,
  contracts: {
    gpuRegistry: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    gpuVaults: ['0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'],
  },
}

describe('network config', () => {
  it('accepts the documented shape, lowercases addresses and leaves missing roles unindexed', () => {
    const c = parseNetworkConfig(valid)
    expect(c.contracts.gpuRegistry).toBe('0x5fbdb2315678afecb367f032d93f642f64180aa3')
    expect(c.contracts.gpuVaults).toEqual(['0xe7f1725e7734ce288f8367e1bb143e90bb3f0512'])
    expect(c.contracts.computeLedger).toBeNull()
    expect(c.toBlock).toBeNull()
    expect(c.rpcTimeoutMs).toBe(30_000)
    expect(parseNetworkConfig({ ...valid, rpcTimeoutMs: 2500 }).rpcTimeoutMs).toBe(2500)
    expect(c.explorerUrl).toBeNull()
    expect(parseNetworkConfig({ ...valid, explorerUrl: 'https://basescan.org/' }).explorerUrl).toBe(
      'https://basescan.org',
    )
  })

  it('lets RPC_URL override rpcUrl', () => {
    expect(parseNetworkConfig(valid, 'http://10.0.0.1:9999').rpcUrl).toBe('http://10.0.0.1:9999')
  })

  const bad: [string, object, RegExp][] = [
    ['missing name', { ...valid, name: undefined }, /^name: /],
    ['chainId as string', { ...valid, chainId: '1' }, /^chainId: /],
    ['rpcUrl not a URL', { ...valid, rpcUrl: 'localhost' }, /^rpcUrl: /],
    [
      'explorerUrl not http(s)',
      { ...valid, explorerUrl: 'javascript:alert(1)' },
      /^explorerUrl: must be an http\(s\) URL/,
    ],
    ['finality 0', { ...valid, finalityConfirmation: 0 }, /^finalityConfirmation: /],
    ['negative fromBlock', { ...valid, fromBlock: -1 }, /^fromBlock: /],
    ['rpcTimeoutMs too small', { ...valid, rpcTimeoutMs: 5 }, /^rpcTimeoutMs: must be at least 100/],
    ['rpcTimeoutMs as string', { ...valid, rpcTimeoutMs: '30s' }, /^rpcTimeoutMs: /],
    ['toBlock below fromBlock', { ...valid, fromBlock: 10, toBlock: 5 }, /^toBlock: /],
    ['short address', { ...valid, contracts: { gpuRegistry: '0x1234' } }, /^contracts\.gpuRegistry: /],
    [
      'bad vault in list',
      { ...valid, contracts: { gpuVaults: ['0x5FbDB2315678afecb367f032d93F642f64180aa3', 7] } },
      /^contracts\.gpuVaults\[1\]: /,
    ],
    [
      'unknown role',
      { ...valid, contracts: { gpuRegistryy: '0x5FbDB2315678afecb367f032d93F642f64180aa3' } },
      /^contracts\.gpuRegistryy: unknown/,
    ],
    ['contracts not an object', { ...valid, contracts: [] }, /^contracts: /],
  ]
  it.each(bad)('rejects %s with a message naming the field', (_name, raw, message) => {
    expect(() => parseNetworkConfig(raw)).toThrow(message)
  })
})
