/** The dashboard reads only our own GraphQL API. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message)
  }
}

export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] }
  if (body.errors?.length) {
    const e = body.errors[0]
    throw new ApiError(e.message, e.extensions?.code ?? 'ERROR')
  }
  return body.data as T
}
