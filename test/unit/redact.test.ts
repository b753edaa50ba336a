import { redactRpcUrl, redactUrl } from '../../src/config/redact'

describe('redactUrl', () => {
  it('hides the password and keeps what an operator needs to recognise the database', () => {
    expect(redactUrl('postgresql://squid:s3cr3t@db.internal:5432/deai')).toBe(
      'postgresql://squid:***@db.internal:5432/deai',
    )
    expect(redactUrl('postgresql://squid@localhost/deai')).toBe('postgresql://squid@localhost/deai')
  })
  it('hides a URL it cannot parse instead of printing it', () => {
    expect(redactUrl('squid:s3cr3t@nowhere')).not.toContain('s3cr3t')
  })
})

describe('redactRpcUrl', () => {
  it('keeps scheme and host, hides paths, queries and credentials where providers put their keys', () => {
    expect(redactRpcUrl('https://eth-mainnet.g.alchemy.com/v2/abcDEF123')).toBe('https://eth-mainnet.g.alchemy.com/***')
    expect(redactRpcUrl('https://rpc.example.org/?apikey=k1')).toBe('https://rpc.example.org/***')
    expect(redactRpcUrl('http://user:pw@10.0.0.1:8545')).toBe('http://10.0.0.1:8545/***')
    expect(redactRpcUrl('http://127.0.0.1:8545')).toBe('http://127.0.0.1:8545')
  })
})
