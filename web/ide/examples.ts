/**
 * The IDE's example queries, one group per kind of user (docs/api.md, "The IDE"). Their variables
 * come from the index itself (SAMPLES_QUERY), so each runs as it is on any deployment. A unit test
 * validates every one against the schema.
 */
export interface Example {
  group: 'Frontend' | 'Analyst' | 'Auditor'
  title: string
  query: string
  /** the variables, from what the index holds */
  variables?: (s: Samples) => Record<string, unknown>
}

export interface Samples {
  from: string
  to: string
  vault: string | null
  modelVersion: string | null
}

/** One request for what the examples need: the span of the usage history, a vault, the newest model version. */
export const SAMPLES_QUERY = `query IdeSamples {
  oldest: usageRecords(first: 1, orderBy: EPOCH_START) { nodes { epochStart } }
  newest: usageRecords(first: 1, orderBy: EPOCH_START, direction: DESC) { nodes { epochStart } }
  vaults(first: 1) { nodes { id } }
  modelVersions(first: 1, orderBy: BLOCK, direction: DESC) { nodes { id } }
}`

const DAY_MS = 86_400_000

/** The samples from SAMPLES_QUERY's data: whole UTC days around the usage history, else the last 30 days. */
export function samplesOf(data: any, now = Date.now()): Samples {
  const first = data?.oldest?.nodes?.[0]?.epochStart
  const last = data?.newest?.nodes?.[0]?.epochStart
  const day = (t: number) => new Date(Math.floor(t / DAY_MS) * DAY_MS).toISOString()
  const [from, to] = first && last ? [Date.parse(first), Date.parse(last) + DAY_MS] : [now - 30 * DAY_MS, now]
  return {
    from: day(from),
    to: day(to + DAY_MS - 1),
    vault: data?.vaults?.nodes?.[0]?.id ?? null,
    modelVersion: data?.modelVersions?.nodes?.[0]?.id ?? null,
  }
}

const windowOf = (s: Samples) => ({ from: s.from, to: s.to })

export const EXAMPLES: Example[] = [
  {
    group: 'Frontend',
    title: 'GPUs, most valuable first, with owners',
    query: `# A page of GPUs; pass pageInfo.endCursor as "after" for the next one.
query Fleet($after: String) {
  gpus(first: 10, orderBy: VALUATION, direction: DESC, after: $after) {
    totalCount
    nodes {
      id chainId gpuId sku region status valuation
      valuationAssetInfo { symbol decimals }
      owner { address }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
  },
  {
    group: 'Frontend',
    title: 'How fresh is each chain?',
    query: `query Chains {
  chains { chainId name indexedHeight chainHeight lagBlocks healthy status }
}`,
  },
  {
    group: 'Analyst',
    title: 'Fleet utilization by day',
    query: `query Utilization($from: DateTime!, $to: DateTime!) {
  gpuUtilization(scope: {}, from: $from, to: $to, bucket: DAY) {
    utilization availableSec rentedSec
    points { bucketStart utilization }
  }
}`,
    variables: windowOf,
  },
  {
    group: 'Analyst',
    title: 'A vault: APR, APY and price per share by day',
    query: `query VaultYield($vault: String!, $from: DateTime!, $to: DateTime!) {
  vaultYield(vault: $vault, from: $from, to: $to, bucket: DAY) {
    apr apy tvl deposits withdrawals
    assetInfo { symbol decimals }
    points { bucketStart pps }
  }
}`,
    variables: (s) => ({ vault: s.vault, ...windowOf(s) }),
  },
  {
    group: 'Auditor',
    title: 'What made this model: its lineage with evidence',
    query: `query Lineage($model: ID!) {
  modelLineage(modelVersionId: $model, maxDepth: 8) {
    root
    nodes { id kind label resolved revoked evidence { txHash blockNumber blockTime logIndex } }
    edges { from to kind weightBps inheritBps evidence { txHash } }
  }
}`,
    variables: (s) => ({ model: s.modelVersion }),
  },
  {
    group: 'Auditor',
    title: "Who contributed to this model's training data",
    query: `query Attribution($model: ID!) {
  modelAttribution(modelVersionId: $model) {
    shares { contributor share contributions }
    unattributed
  }
}`,
    variables: (s) => ({ model: s.modelVersion }),
  },
]
