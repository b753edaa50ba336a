import net from 'node:net'

/**
 * A GET with the request target sent exactly as given (fetch would normalise `//%%%/` or `%`), over
 * a plain socket: the status, the raw head and the body (de-chunked).
 */
export function rawGet(base: string, target: string): Promise<{ status: number; head: string; body: string }> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), hostname)
    let data = ''
    s.on('data', (b) => (data += b))
    s.on('error', reject)
    s.on('end', () => {
      const [head, ...rest] = data.split('\r\n\r\n')
      resolve({ status: Number(head.split(' ')[1]), head, body: dechunk(head, rest.join('\r\n\r\n')) })
    })
    s.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
  })
}

function dechunk(head: string, body: string): string {
  if (!/transfer-encoding: chunked/i.test(head)) return body
  let out = ''
  let rest = body
  for (;;) {
    const i = rest.indexOf('\r\n')
    const n = parseInt(rest.slice(0, i), 16)
    if (!n) return out
    out += rest.slice(i + 2, i + 2 + n)
    rest = rest.slice(i + 2 + n + 2)
  }
}

/** A GraphQL request to the API at `base`: its data, or an error naming the GraphQL errors. */
export async function graphqlData(base: string, query: string, variables: object = {}): Promise<any> {
  const r = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await r.json()) as { data?: any; errors?: any[] }
  if (body.errors) throw new Error(JSON.stringify(body.errors))
  return body.data
}
