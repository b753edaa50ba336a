import { parse } from 'pg-connection-string'
import { databaseUrlOf } from '../../src/config/env'

describe('the database variables (README, Configuration)', () => {
  it('takes DATABASE_URL first, then DB_URL, then the parts', () => {
    const parts = { DB_HOST: 'h', DB_NAME: 'n' }
    expect(databaseUrlOf({ DATABASE_URL: 'postgresql://a@x/1', DB_URL: 'postgres://b@y/2', ...parts })).toBe(
      'postgresql://a@x/1',
    )
    expect(databaseUrlOf({ DB_URL: 'postgres://b@y/2', ...parts })).toBe('postgres://b@y/2')
    expect(databaseUrlOf({})).toBeUndefined()
  })

  it('makes a URL of the parts that pg reads back unchanged, whatever the password holds', () => {
    const url = databaseUrlOf({
      DB_HOST: 'db.internal',
      DB_PORT: '6543',
      DB_NAME: 'squid',
      DB_USER: 'indexer',
      DB_PASS: 'p@ss:w/rd?#%',
    })!
    expect(parse(url)).toMatchObject({
      host: 'db.internal',
      port: '6543',
      database: 'squid',
      user: 'indexer',
      password: 'p@ss:w/rd?#%',
    })
    expect(parse(databaseUrlOf({ DB_HOST: 'h' })!)).toMatchObject({
      port: '5432',
      database: 'postgres',
      user: 'postgres',
    })
  })

  it.each([
    [{ DB_HOST: 'h', DB_PORT: '70000' }, 'DB_PORT: must be a TCP port, got 70000'],
    [{ DB_PASS: 'x' }, 'DB_HOST: is not set, but DB_PASS is'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL: is not a URL'],
  ])('names the variable that is wrong: %j', (env, message) => {
    expect(() => databaseUrlOf(env)).toThrow(message)
  })
})
