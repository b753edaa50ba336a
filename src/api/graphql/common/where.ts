import { Field, ID, InputType, Int, type ClassType } from 'type-graphql'
import type { TableSpec } from '../../sql/tables'
import { type Operator, OPERATORS, operatorsOf, type WhereKind } from '../../sql/where'
import { addressArg, bytes32Arg, decimalId } from './args'
import { BigIntScalar } from './scalars'

/**
 * The GraphQL side of the lists' `where` (sql/where.ts compiles it): one operator input type per
 * kind of field, and per list an input type made from its table's where fields, so each field and
 * its operators are declared once, in the table spec.
 */

function operatorInput(name: string, kind: WhereKind, type: () => unknown, what: string): ClassType {
  class Ops {}
  InputType(name, { description: `Conditions on ${what}; several in one object must all hold` })(Ops)
  for (const op of operatorsOf(kind)) {
    const t = op === '_isNull' ? () => Boolean : op === '_in' ? () => [type()] : type
    Field(t as () => any, { nullable: true, description: OPERATORS[op as Operator] })(Ops.prototype, op)
  }
  return Ops
}

const OPS: Record<WhereKind, ClassType> = {
  string: operatorInput('StringCondition', 'string', () => String, 'a text field'),
  int: operatorInput('IntCondition', 'int', () => Int, 'an integer field'),
  bigint: operatorInput('BigIntCondition', 'bigint', () => BigIntScalar, 'an exact integer (amounts, ids)'),
  datetime: operatorInput('DateTimeCondition', 'datetime', () => Date, 'a time'),
  boolean: operatorInput('BooleanCondition', 'boolean', () => Boolean, 'a flag'),
  address: operatorInput('AddressCondition', 'address', () => String, 'an address (any case)'),
  bytes32: operatorInput('Bytes32Condition', 'bytes32', () => ID, 'a bytes32 id (0x-hex)'),
  decimalId: operatorInput('DecimalIdCondition', 'decimalId', () => ID, 'a decimal id'),
}

/** The `where` input type of a list: its table's where fields, and AND / OR / NOT of itself. */
export function whereInput(name: string, spec: TableSpec): ClassType {
  const fields = spec.where
  if (!fields) throw new Error(`${spec.table} declares no where fields`)
  class Where {}
  InputType(name, {
    description:
      'Conditions on the items; all given must hold. At least one must be served by an index (docs/api.md, "Filtering lists")',
  })(Where)
  for (const [field, f] of Object.entries(fields)) {
    Field(() => OPS[f.kind], {
      nullable: true,
      description: f.indexed ? 'indexed: can serve the filter' : 'narrows an indexed condition',
    })(Where.prototype, field)
  }
  Field(() => [Where], { nullable: true, description: 'every one holds' })(Where.prototype, 'AND')
  Field(() => [Where], { nullable: true, description: 'at least one holds' })(Where.prototype, 'OR')
  Field(() => Where, { nullable: true, description: 'does not hold' })(Where.prototype, 'NOT')
  return Where
}

/** A reference value as its item's id on its chain, checked as the plain arguments are. */
export function nativeOf(kind: WhereKind, value: string, argument: string): string {
  if (kind === 'address') return addressArg(value, argument)
  if (kind === 'bytes32') return bytes32Arg(value, argument)
  return decimalId(value, argument)
}
