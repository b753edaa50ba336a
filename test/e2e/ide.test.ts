import type { Browser, Page } from 'playwright-core'
import { buildSchema, parse, validate } from 'graphql'
import type { Anvil } from '../../src/demo/anvil'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { EXAMPLES, SAMPLES_QUERY, samplesOf } from '../../web/ide/examples'
import { launchBrowser } from '../helpers/browser'
import { indexedDemo } from '../helpers/demo'
import { graphqlData } from '../helpers/http'

/**
 * The GraphQL IDE at GET /graphql in a real browser (Debian's Chromium), on the small demo economy:
 * it loads with no request leaving our server, shows the schema's own docs, runs the examples.
 */
let anvil: Anvil
let api: ApiServer
let browser: Browser
let page: Page
const pageErrors: string[] = []
const requested: string[] = []

beforeAll(async () => {
  const demo = await indexedDemo(9, 'ide')
  anvil = demo.anvil
  api = await startApiServer({ databaseUrl: demo.db, port: 0 })
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  page.on('pageerror', (e) => pageErrors.push(String(e)))
  page.on('request', (req) => requested.push(req.url()))
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await api?.close()
  await anvil?.stop()
})

it('loads from our server alone, shows the docs of gpuYield from the schema, and runs an example', async () => {
  await page.goto(`${api.url}/graphql`)
  await page.waitForSelector('.graphiql-container')
  // Monaco's editors are up once the query editor has its lines
  await page.waitForSelector('.graphiql-query-editor .view-lines')

  // the docs: search the explorer for gpuYield and open it
  await page.click('button[aria-label="Show Documentation Explorer"]')
  await page.fill('.graphiql-doc-explorer-search-input input', 'gpuYield')
  // the field (shown as Query.gpuYield), not the type GpuYieldReport that the search lists too
  await page
    .locator('[data-cy="doc-explorer-list"] [role="option"]', { hasText: /(^|\.)gpuYield$/ })
    .first()
    .click()
  const description = (
    await graphqlData(api.url, `{ __schema { queryType { fields { name description } } } }`)
  ).__schema.queryType.fields.find((f: any) => f.name === 'gpuYield').description as string
  const shown = await page.textContent('.graphiql-doc-explorer-content')
  // the first sentence of the field's own description (markdown rendered as text)
  expect(shown).toContain(description.split('. ')[0].replace(/`/g, ''))
  expect(await page.textContent('.graphiql-doc-explorer-title')).toContain('gpuYield')

  // the examples: the auditor's lineage query opens in a new tab with the newest model version and runs
  await page.click('button[aria-label="Show Examples"]')
  await page.waitForSelector('[data-testid="ide-examples"] button')
  await page.click('[data-testid="ide-examples"] >> text=What made this model')
  const posted = page.waitForResponse(
    (r) => r.url() === `${api.url}/graphql` && (r.request().postData() ?? '').includes('Lineage'),
  )
  await page.click('button[aria-label^="Execute query"]')
  const body = await (await posted).json()
  const samples = samplesOf(await graphqlData(api.url, SAMPLES_QUERY))
  expect(samples.modelVersion).not.toBeNull()
  const sent = JSON.parse((await posted).request().postData()!)
  expect(sent.variables).toEqual({ model: samples.modelVersion })
  expect(body.errors).toBeUndefined()
  expect(body.data.modelLineage.root).toBe(`model:${samples.modelVersion}`)
  expect(body.data.modelLineage.nodes.length).toBeGreaterThan(3)
  // and the answer is on the page (long strings wrap there, so a short one is looked for)
  const label = body.data.modelLineage.nodes.find((n: any) => n.kind === 'MODEL_VERSION').label
  await page.waitForFunction(
    (label) => document.querySelector('.graphiql-response')?.textContent?.includes(label),
    label,
    { timeout: 5000 },
  )

  // nothing was fetched from anywhere but our server (no CDN): page, script, styles, workers, font
  const elsewhere = requested.filter((u) => !u.startsWith(api.url) && !u.startsWith('data:') && !u.startsWith('blob:'))
  expect(elsewhere).toEqual([])
  for (const f of ['ide.js', 'ide.css', 'graphql.worker.js', 'editor.worker.js'])
    expect(requested).toContain(`${api.url}/ide/${f}`)
  expect(pageErrors).toEqual([])
})

it('serves the IDE only to browsers, only when it is on, and compressed', async () => {
  const html = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } })
  expect(html.status).toBe(200)
  expect(await html.text()).toContain('/ide/ide.js')
  // a client asking for JSON gets GraphQL over GET (here: no query, a 400), not the page
  expect((await fetch(`${api.url}/graphql`, { headers: { accept: 'application/json' } })).status).toBe(400)
  const js = await fetch(`${api.url}/ide/ide.js`, { headers: { 'accept-encoding': 'gzip' } })
  expect(js.headers.get('content-encoding')).toBe('gzip')
  const etag = js.headers.get('etag')!
  expect((await fetch(`${api.url}/ide/ide.js`, { headers: { 'if-none-match': etag } })).status).toBe(304)
  const off = await startApiServer({ databaseUrl: api.pool.options.connectionString!, port: 0, ide: false })
  try {
    const r = await fetch(`${off.url}/graphql`, { headers: { accept: 'text/html' } })
    expect(r.headers.get('content-type')).not.toMatch(/html/)
    expect((await fetch(`${off.url}/ide/ide.js`)).status).toBe(404)
  } finally {
    await off.close()
  }
})

it('serves the SDL at /schema.graphql, the same schema the server runs', async () => {
  const r = await fetch(`${api.url}/schema.graphql`)
  expect(r.status).toBe(200)
  const schema = buildSchema(await r.text())
  expect(schema.getQueryType()!.getFields().gpuYield.description).toMatch(/yield/i)
  // every example of the IDE is a valid document of it
  for (const e of EXAMPLES) expect([e.title, validate(schema, parse(e.query))]).toEqual([e.title, []])
  expect(validate(schema, parse(SAMPLES_QUERY))).toEqual([])
  // with introspection off, the SDL is not served either
  const closed = await startApiServer({
    databaseUrl: api.pool.options.connectionString!,
    port: 0,
    introspection: false,
  })
  try {
    expect((await fetch(`${closed.url}/schema.graphql`)).status).toBe(404)
  } finally {
    await closed.close()
  }
})
