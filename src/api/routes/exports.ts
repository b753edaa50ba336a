import type { Execute } from '../graphql/apollo'
import { cachedResponse, type ResponseCache, sendResponse } from '../http/cache'
import { sendError, sendResultError, type Route } from '../http/respond'

/**
 * CSV exports of the analytics reports. Each report is the GraphQL query of the same name, run
 * through the same schema with the URL's query parameters as its arguments, so a CSV always shows
 * exactly the numbers of the API (and the same argument errors).
 */
export interface CsvReport {
  query: string
  /** the URL parameters it takes; any other is refused, naming it */
  params: string[]
  /** URL parameter → GraphQL variable (parsed and checked: a bad one throws BadParam) */
  variables(params: URLSearchParams): Record<string, unknown>
  rows(data: any, variables: Record<string, unknown>): { header: string[]; rows: unknown[][] }
  /**
   * The raw amount columns, all in one asset (the query's `r.assetInfo`): each gets an `<x>_units`
   * column beside it, and the report a `symbol` column (docs/api.md, "CSV exports").
   */
  amounts?: string[]
}

/** An exact base-unit amount as a decimal string in whole units: 1234500 with 6 decimals is 1.2345. */
export function decimalUnits(raw: string | null | undefined, decimals: number | null | undefined): string {
  if (raw == null || raw === '' || decimals == null) return ''
  const neg = raw.startsWith('-')
  const digits = (neg ? raw.slice(1) : raw).padStart(decimals + 1, '0')
  const whole = digits.slice(0, digits.length - decimals)
  const frac = digits.slice(digits.length - decimals).replace(/0+$/, '')
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`
}

/** Adds the `_units` columns beside the amounts and the `symbol` column at the end. */
function withUnits(
  t: { header: string[]; rows: unknown[][] },
  amounts: string[],
  asset: { symbol: string | null; decimals: number | null } | null,
) {
  const header: string[] = []
  const pick: ((row: unknown[]) => unknown)[] = []
  t.header.forEach((h, i) => {
    header.push(h)
    pick.push((row) => row[i])
    if (!amounts.includes(h)) return
    header.push(`${h}_units`)
    pick.push((row) => decimalUnits(row[i] as string | null, asset?.decimals))
  })
  header.push('symbol')
  pick.push(() => asset?.symbol ?? '')
  return { header, rows: t.rows.map((row) => pick.map((f) => f(row))) }
}

const scope = (p: URLSearchParams) => ({
  gpuIds: p.get('gpuIds')
    ? p
        .get('gpuIds')!
        .split(',')
        .map((s) => {
          const id = s.trim()
          if (!/^\d+$/.test(id)) throw new BadParam(`gpuIds must be decimal GPU ids, got "${id}"`, 'gpuIds')
          return id
        })
    : null,
  operator: p.get('operator'),
  sku: p.get('sku'),
  region: p.get('region'),
  chainIds: p.get('chainIds')
    ? p
        .get('chainIds')!
        .split(',')
        .map((s) => chainOf(s.trim(), 'chainIds'))
    : null,
})

/** A chain id parameter (`chainId`, or an item of `chainIds`). */
function chainOf(v: string, name: string): number {
  if (!/^\d{1,10}$/.test(v)) throw new BadParam(`${name} must be chain ids (non-negative integers), got "${v}"`, name)
  return Number(v)
}
const chain = (p: URLSearchParams) => {
  const v = p.get('chainId')
  return { chainId: v == null || v === '' ? null : chainOf(v, 'chainId') }
}
/** A URL parameter the report cannot use: answered like a GraphQL argument error (400, naming it). */
export class BadParam extends Error {
  constructor(
    message: string,
    readonly argument: string,
  ) {
    super(message)
  }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

/** An ISO-8601 date-time, or a date (midnight UTC, as the dashboard's date picker sends), as ISO-8601 UTC. */
function date(p: URLSearchParams, name: string): string {
  const v = p.get(name)
  if (v == null || v === '') throw new BadParam(`${name} is required (an ISO-8601 date or date-time)`, name)
  const t = DATE_ONLY.test(v) ? Date.parse(`${v}T00:00:00Z`) : DATE_TIME.test(v) ? Date.parse(v) : NaN
  if (Number.isNaN(t)) throw new BadParam(`${name} must be an ISO-8601 date or date-time, got "${v}"`, name)
  return new Date(t).toISOString()
}

const window = (p: URLSearchParams) => ({ from: date(p, 'from'), to: date(p, 'to') })
const bucket = (p: URLSearchParams) => {
  const v = p.get('bucket')
  if (v == null || v === '') return { bucket: null }
  const b = v.toUpperCase()
  if (!['HOUR', 'DAY', 'WEEK'].includes(b)) throw new BadParam(`bucket must be HOUR, DAY or WEEK, got "${v}"`, 'bucket')
  return { bucket: b }
}
const SCOPE = ['gpuIds', 'operator', 'sku', 'region', 'chainIds']
const required = (p: URLSearchParams, name: string): string => {
  const v = p.get(name)
  if (v == null || v === '') throw new BadParam(`${name} is required`, name)
  return v
}

/** The report's variables from the URL, every parameter checked: unknown, missing or malformed ones throw BadParam. */
export function reportVariables(name: string, report: CsvReport, params: URLSearchParams): Record<string, unknown> {
  for (const k of params.keys())
    if (!report.params.includes(k))
      throw new BadParam(`${name} takes no "${k}"; it takes ${report.params.join(', ')}`, k)
  return report.variables(params)
}

const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i

/** One row per object, a column per header name: the object's field of that name, or `same[name]` on every row. */
const table = (header: string[], objects: any[], same: Record<string, unknown> = {}) => ({
  header,
  rows: objects.map((o) => header.map((k) => (k in same ? same[k] : o[k]))),
})

export const REPORTS: Record<string, CsvReport> = {
  'gpu-utilization': {
    query: `query($scope: GpuScope!, $from: DateTime!, $to: DateTime!, $bucket: Bucket) {
      r: gpuUtilization(scope: $scope, from: $from, to: $to, bucket: $bucket) {
        availableSec rentedSec utilization points { bucketStart availableSec rentedSec utilization } } }`,
    params: [...SCOPE, 'from', 'to', 'bucket'],
    variables: (p) => ({ scope: scope(p), ...window(p), ...bucket(p) }),
    rows: (d, v) => ({
      header: ['bucketStart', 'availableSec', 'rentedSec', 'utilization'],
      rows: v.bucket
        ? d.r.points.map((x: any) => [x.bucketStart, x.availableSec, x.rentedSec, x.utilization])
        : [[v.from, d.r.availableSec, d.r.rentedSec, d.r.utilization]],
    }),
  },
  'gpu-yield': {
    query: `query($scope: GpuScope!, $from: DateTime!, $to: DateTime!) {
      r: gpuYield(scope: $scope, from: $from, to: $to) {
        asset assetInfo { symbol decimals } gross operatorFee protocolFee net avgValuation apr apy } }`,
    amounts: ['gross', 'operatorFee', 'protocolFee', 'net'],
    params: [...SCOPE, 'from', 'to'],
    variables: (p) => ({ scope: scope(p), ...window(p) }),
    rows: (d, v) => ({
      header: ['from', 'to', 'asset', 'gross', 'operatorFee', 'protocolFee', 'net', 'avgValuation', 'apr', 'apy'],
      rows: [
        [
          v.from,
          v.to,
          d.r.asset,
          d.r.gross,
          d.r.operatorFee,
          d.r.protocolFee,
          d.r.net,
          d.r.avgValuation,
          d.r.apr,
          d.r.apy,
        ],
      ],
    }),
  },
  'vault-yield': {
    query: `query($vault: String!, $from: DateTime!, $to: DateTime!, $bucket: Bucket, $chainId: Int) {
      r: vaultYield(vault: $vault, from: $from, to: $to, bucket: $bucket, chainId: $chainId) { assetInfo { symbol decimals }
        ppsStart ppsEnd apr apy tvl deposits withdrawals points { bucketStart pps tvl deposits withdrawals } } }`,
    amounts: ['tvl', 'deposits', 'withdrawals'],
    params: ['vault', 'from', 'to', 'bucket', 'chainId'],
    variables: (p) => ({ vault: required(p, 'vault'), ...window(p), ...bucket(p), ...chain(p) }),
    rows: (d, v) =>
      v.bucket
        ? // per bucket, with the window's APR and APY on every row (they are not per bucket)
          table(['bucketStart', 'pps', 'tvl', 'deposits', 'withdrawals', 'windowApr', 'windowApy'], d.r.points, {
            windowApr: d.r.apr,
            windowApy: d.r.apy,
          })
        : {
            header: ['from', 'to', 'ppsStart', 'ppsEnd', 'apr', 'apy', 'tvl', 'deposits', 'withdrawals'],
            rows: [[v.from, v.to, d.r.ppsStart, d.r.ppsEnd, d.r.apr, d.r.apy, d.r.tvl, d.r.deposits, d.r.withdrawals]],
          },
  },
  'model-usage': {
    query: `query($modelId: BigInt!, $from: DateTime!, $to: DateTime!, $bucket: Bucket, $chainId: Int) {
      r: modelUsage(modelId: $modelId, from: $from, to: $to, bucket: $bucket, chainId: $chainId) {
        requests fees callers fulfilledShare medianLatencySec
        points { bucketStart requests fees callers fulfilledShare medianLatencySec } assetInfo { symbol decimals } } }`,
    amounts: ['fees'],
    params: ['modelId', 'from', 'to', 'bucket', 'chainId'],
    variables: (p) => {
      const modelId = required(p, 'modelId')
      return { modelId, ...window(p), ...bucket(p), ...chain(p) }
    },
    rows: (d, v) =>
      v.bucket
        ? table(['bucketStart', 'requests', 'fees', 'callers', 'fulfilledShare', 'medianLatencySec'], d.r.points)
        : {
            header: ['from', 'to', 'requests', 'fees', 'callers', 'fulfilledShare', 'medianLatencySec'],
            rows: [[v.from, v.to, d.r.requests, d.r.fees, d.r.callers, d.r.fulfilledShare, d.r.medianLatencySec]],
          },
  },
  'model-tokens': {
    query: `query($first: Int!, $chainId: Int) { r: modelTokens(first: $first, chainId: $chainId) { nodes {
      chainId address modelId name symbol totalSupply claimableBps revenueAsset } } }`,
    params: ['first', 'chainId'],
    variables: (p) => {
      const first = p.get('first') ?? '1000'
      if (!/^\d+$/.test(first)) throw new BadParam(`first must be a whole number, got "${first}"`, 'first')
      return { first: Number(first), ...chain(p) }
    },
    rows: (d) =>
      table(
        ['token', 'modelId', 'name', 'symbol', 'totalSupply', 'claimableBps', 'revenueAsset', 'chainId'],
        d.r.nodes.map((t: any) => ({ ...t, token: t.address })),
      ),
  },
  attribution: {
    query: `query($id: ID!, $chainId: Int) { r: modelAttribution(modelVersionId: $id, chainId: $chainId) {
      shares { contributor share contributions } unattributed } }`,
    params: ['modelVersionId', 'chainId'],
    variables: (p) => ({ id: required(p, 'modelVersionId'), ...chain(p) }),
    rows: (d) => ({
      header: ['contributor', 'share', 'contributions'],
      rows: [
        ...d.r.shares.map((s: any) => [s.contributor, s.share, s.contributions]),
        ['unattributed', d.r.unattributed, ''],
      ],
    }),
  },
}

/**
 * RFC 4180: quote fields holding a comma, quote or newline; nulls are empty; dates ISO-8601.
 * Text that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return;
 * on-chain names can be anything) gets a leading apostrophe, as OWASP advises. Numbers stay as
 * they are, negative ones included.
 */
export function toCsv(header: string[], rows: unknown[][]): string {
  const cell = (v: unknown) => {
    let s = v == null ? '' : v instanceof Date ? v.toISOString() : String(v)
    if (/^[=+\-@\t\r]/.test(s) && !NUMBER.test(s)) s = `'${s}`
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}

/** GET /export/:report.csv: the report's query run through the schema, as CSV (kept in the response cache). */
export function exportsRoute(execute: Execute, cache: ResponseCache): Route {
  return {
    method: 'GET',
    path: /^\/export\/([a-z-]+)\.csv$/,
    async handle(req, res, url, match) {
      const name = match[1]
      const report = REPORTS[name]
      if (!report)
        return sendError(res, 404, 'NOT_FOUND', `no report "${name}"; reports: ${Object.keys(REPORTS).join(', ')}`)
      let variables: Record<string, unknown>
      try {
        variables = reportVariables(name, report, url.searchParams)
      } catch (e) {
        if (e instanceof BadParam) return sendError(res, 400, 'BAD_USER_INPUT', e.message, e.argument)
        throw e
      }
      const { response, result } = await cache.serve('csv', JSON.stringify([name, variables]), async () => {
        const r = await execute(report.query, variables)
        if (r.errors?.length) {
          sendResultError(res, r.errors[0])
          return null
        }
        let table = report.rows(r.data, variables)
        if (report.amounts) {
          const data = r.data as { r?: { assetInfo?: never } } | undefined
          table = withUnits(table, report.amounts, data?.r?.assetInfo ?? null)
        }
        return cachedResponse(200, 'text/csv; charset=utf-8', toCsv(table.header, table.rows), {
          'content-disposition': `attachment; filename="${name}.csv"`,
        })
      })
      if (response) sendResponse(req, res, response, result)
    },
  }
}
