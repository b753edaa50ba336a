import autocannon from 'autocannon'

export interface LoadResult {
  responses: number
  rps: number
  p50: number | null
  p95: number | null
  p99: number | null
  errors: number
}

/**
 * One autocannon run of a GraphQL query. Every response time is kept, so the percentiles are exact
 * (autocannon's own summary has no p95). Errors count transport errors and non-2xx answers.
 */
export async function loadTest(
  url: string,
  query: string,
  connections: number,
  durationSec: number,
  timeoutSec = 30,
): Promise<LoadResult> {
  const times: number[] = []
  const out = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url: `${url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
        connections,
        duration: durationSec,
        timeout: timeoutSec,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    )
    inst.on('response', (_c: unknown, _s: number, _b: number, ms: number) => times.push(ms))
  })
  times.sort((a, b) => a - b)
  const pct = (q: number) =>
    times.length ? Number(times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2)) : null
  return {
    responses: times.length,
    rps: Math.round(out.requests.average),
    p50: pct(0.5),
    p95: pct(0.95),
    p99: pct(0.99),
    errors: out.errors + out.non2xx,
  }
}

/** POSTs a GraphQL query and returns its JSON body. */
export async function postQuery(url: string, query: string): Promise<{ data?: any; errors?: { message: string }[] }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  })
  return (await res.json()) as { data?: any; errors?: { message: string }[] }
}
