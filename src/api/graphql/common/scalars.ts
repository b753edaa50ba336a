import { GraphQLError, GraphQLScalarType, Kind } from 'graphql'

/** BigInt: an exact integer served as a decimal string (money never passes through a float). */
export const BigIntScalar = new GraphQLScalarType({
  name: 'BigInt',
  description: 'An exact integer as a decimal string, e.g. "1500000000000000000"',
  serialize(v) {
    if (typeof v === 'bigint') return v.toString()
    if (typeof v === 'string' && /^-?\d+$/.test(v)) return v
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v)
    throw new GraphQLError(`BigInt cannot represent ${String(v)}`)
  },
  parseValue(v) {
    return parseBigInt(v)
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parseBigInt(ast.value)
    throw new GraphQLError('BigInt must be a decimal string or an integer', { extensions: { code: 'BAD_USER_INPUT' } })
  },
})

function parseBigInt(v: unknown): bigint {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v)
  if (typeof v === 'string' && /^-?\d{1,78}$/.test(v)) return BigInt(v)
  throw new GraphQLError(`BigInt must be a decimal integer string, got ${JSON.stringify(v)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  })
}
