import { GraphiQL, HISTORY_PLUGIN } from 'graphiql'
import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react'
import 'graphiql/style.css'
import { useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { getOperationAST, parse } from 'graphql'
import { createClient } from 'graphql-ws'
import { EXAMPLES, SAMPLES_QUERY, samplesOf, type Example, type Samples } from './examples'

/**
 * The GraphQL IDE served at GET /graphql (docs/api.md, "The IDE"): GraphiQL with its schema docs,
 * history and an examples panel. Everything it loads comes from our server: Monaco's language
 * workers are bundled beside this script by scripts/build-web.mjs.
 */
const WORKERS: Record<string, string> = { json: 'json', graphql: 'graphql' }
;(globalThis as any).MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return new Worker(`/ide/${WORKERS[label] ?? 'editor'}.worker.js`)
  },
}

const ENDPOINT = '/graphql'

// subscriptions and live queries go over WebSocket (graphql-ws), the rest over HTTP
const ws = createClient({
  url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${ENDPOINT}`,
  lazy: true,
})

function streams(params: { query: string; operationName?: string | null }): boolean {
  try {
    const op = getOperationAST(parse(params.query), params.operationName ?? undefined)
    return op?.operation === 'subscription' || (op?.directives ?? []).some((d) => d.name.value === 'live')
  } catch {
    return false // the server reports the syntax error
  }
}

async function post(body: unknown): Promise<any> {
  const r = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return r.json()
}

function ExamplesIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.5">
      <path d="M4 5h16M4 12h16M4 19h10" strokeLinecap="round" />
    </svg>
  )
}

/** The examples panel: a click opens the example in a new tab, with its variables filled in. */
function ExamplesPanel() {
  const { addTab } = useGraphiQLActions()
  const queryEditor = useGraphiQL((s) => s.queryEditor)
  const variableEditor = useGraphiQL((s) => s.variableEditor)
  const [samples, setSamples] = useState<Samples | null>(null)
  useEffect(() => {
    post({ query: SAMPLES_QUERY })
      .then((r) => setSamples(samplesOf(r.data)))
      .catch(() => setSamples(samplesOf(null)))
  }, [])
  const open = (e: Example) => {
    addTab()
    queryEditor?.setValue(e.query)
    variableEditor?.setValue(e.variables && samples ? JSON.stringify(e.variables(samples), null, 2) : '')
  }
  const groups = [...new Set(EXAMPLES.map((e) => e.group))]
  return (
    <div className="deai-examples" data-testid="ide-examples">
      <div className="graphiql-doc-explorer-title">Examples</div>
      {groups.map((g) => (
        <section key={g}>
          <h3>{g}</h3>
          {EXAMPLES.filter((e) => e.group === g).map((e) => (
            <button key={e.title} type="button" className="graphiql-un-styled" onClick={() => open(e)}>
              {e.title}
            </button>
          ))}
        </section>
      ))}
    </div>
  )
}

const EXAMPLES_PLUGIN: GraphiQLPlugin = { title: 'Examples', icon: ExamplesIcon, content: ExamplesPanel }

const DEFAULT_QUERY = `# deai-squid GraphQL API. The book icon on the left is the schema's documentation;
# the list icon has example queries for frontends, analysts and auditors.
# Ctrl+Enter runs the query; Ctrl+Space completes.
{
  indexerStatus { indexedHeight chainHeight lagBlocks }
  gpus(first: 5) { totalCount nodes { id sku status valuation owner { address } } }
}
`

createRoot(document.getElementById('ide')!).render(
  <GraphiQL
    fetcher={(params) => (streams(params) ? (ws.iterate(params as any) as AsyncIterable<any>) : post(params))}
    plugins={[EXAMPLES_PLUGIN, HISTORY_PLUGIN]}
    defaultQuery={DEFAULT_QUERY}
  />,
)
