import { redactUrl } from '../../src/config/redact'

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
