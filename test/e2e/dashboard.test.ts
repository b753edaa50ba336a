import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { testChain } from '../helpers/chain'
import { freshDatabase } from '../helpers/db'
import { runProcessor, writeTempConfig } from '../helpers/processor'

/**
 * The dashboard in a real browser (Debian's Chromium driven by playwright-core) against the demo
 * economy: every view shows the numbers of the GraphQL API, the lineage graph leads to its evidence.
 * Screenshots land in test/artifacts/ (not committed).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts')

let anvil: Anvil
let sim: SimResult
let api: ApiServer
let browser: Browser
let page: Page
let from: string
let to: string
const pageErrors: string[] = []

async function data(q: string, variables: object = {}) {
  const r = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: q, variables }),
  })
  const body = (await r.json()) as { data?: any; errors?: any[] }
  if (body.errors) throw new Error(JSON.stringify(body.errors))
  return body.data
}

const pct = (x: number | null) => (x == null ? '—' : `${(x * 100).toFixed(2)}%`)
const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true })
const valueOf = async (testid: string) => page.getAttribute(`[data-testid="${testid}"]`, 'data-value')
const textOf = async (testid: string) => (await page.textContent(`[data-testid="${testid}"]`))?.trim()

/** a block explorer named in the network file (never contacted: links are only followed by people) */
const EXPLORER = 'https://explorer.example'

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    )
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const t = await testChain()
  anvil = t.anvil
  sim = await simulate(t.chain, { seed: 7, size: 'small' })
  const db = await freshDatabase('dashboard')
  const config = { ...networkConfigFor(sim.deployment, anvil.url), toBlock: sim.headBlock, explorerUrl: EXPLORER }
  const r = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: db })
  if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
  api = await startApiServer({ databaseUrl: db, port: 0 })
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  page = await browser.newPage({ viewport: { width: 1200, height: 800 } })
  page.on('pageerror', (e) => pageErrors.push(String(e)))
  // the dashboard may only talk to our own server (no CDN)
  page.on('request', (req) => {
    if (!req.url().startsWith(api.url) && !req.url().startsWith('data:'))
      pageErrors.push(`external request ${req.url()}`)
  })
  from = new Date(sim.start * 1000).toISOString().slice(0, 10)
  to = new Date(sim.end * 1000).toISOString().slice(0, 10)
})
afterAll(async () => {
  await browser?.close()
  await api?.close()
  await anvil?.stop()
})
afterEach(() => {
  expect(pageErrors).toEqual([])
})

describe('compute', () => {
  it('shows the fleet utilization, yield and a GPU table equal to the API', async () => {
    await page.goto(`${api.url}/?view=compute&from=${from}&to=${to}`)
    await page.waitForSelector('[data-testid="gpu-table"]')
    const w = { from: `${from}T00:00:00Z`, to: `${to}T00:00:00Z` }
    const d = await data(
      `query($from: DateTime!, $to: DateTime!) {
        u: gpuUtilization(scope: {}, from: $from, to: $to) { utilization }
        y: gpuYield(scope: {}, from: $from, to: $to) { net apr }
        g1: gpuUtilization(scope: { gpuIds: ["1"] }, from: $from, to: $to) { utilization } }`,
      w,
    )
    expect(Number(await valueOf('fleet-utilization'))).toBe(d.u.utilization)
    expect(await textOf('fleet-utilization')).toBe(pct(d.u.utilization))
    expect(await valueOf('fleet-net')).toBe(d.y.net)
    expect(await textOf('fleet-apr')).toBe(pct(d.y.apr))
    expect(await page.locator('[data-testid="gpu-table"] tbody tr').count()).toBe(sim.gpus.length)
    const row1 = page.locator('tr[data-gpu="1"] td[data-col="utilization"]')
    expect(Number(await row1.getAttribute('data-value'))).toBe(d.g1.utilization)
    expect(await page.locator('[data-testid="utilization-chart"] canvas').count()).toBeGreaterThan(0)
    await shot('compute')

    // the hover legend speaks the axis's unit: a utilization in %, not a fraction
    const chart = await page.locator('[data-testid="utilization-chart"] .u-over').boundingBox()
    await page.mouse.move(chart!.x + chart!.width / 2, chart!.y + chart!.height / 2)
    const legend = await page
      .locator('[data-testid="utilization-chart"] .u-legend .u-series:nth-child(2) .u-value')
      .textContent()
    expect(legend).toMatch(/^\d+\.\d{2}%$/)

    // a bucket typed by hand in any case is understood: bucket=hour is the hourly series
    await page.goto(`${api.url}/?view=compute&from=${from}&to=${to}&bucket=hour`)
    await page.waitForSelector('[data-testid="gpu-table"]')
    expect(await page.locator('button[data-bucket="HOUR"]').getAttribute('class')).toBe('on')
    await page.goto(`${api.url}/?view=compute&from=${from}&to=${to}`)
    await page.waitForSelector('[data-testid="gpu-table"]')

    // sort by APR, highest first (two clicks: ascending, then descending)
    await page.click('a[data-sort="apr"]')
    await page.waitForURL(/sort=apr/)
    await page.click('a[data-sort="apr"]')
    await page.waitForURL(/dir=desc/)
    await page.waitForSelector('[data-testid="gpu-table"]')
    const aprs = await page.$$eval('td[data-col="apr"]', (tds) => tds.map((t) => Number(t.getAttribute('data-value'))))
    expect(aprs).toEqual([...aprs].sort((a, b) => b - a))
  })

  it('filters by SKU into a shareable URL', async () => {
    const sku = sim.gpus[0].sku
    await page.goto(`${api.url}/?view=compute&from=${from}&to=${to}`)
    await page.waitForSelector('[data-testid="gpu-table"]')
    await page.selectOption('[data-testid="filter-sku"]', sku)
    await page.waitForURL(/sku=/)
    await page.waitForSelector('[data-testid="gpu-table"]')
    const url = page.url()
    const d = await data(
      `{ gpuUtilization(scope: { sku: "${sku}" }, from: "${from}T00:00:00Z", to: "${to}T00:00:00Z") { utilization } }`,
    )
    expect(Number(await valueOf('fleet-gpus'))).toBe(sim.gpus.filter((g) => g.sku === sku).length)
    expect(Number(await valueOf('fleet-utilization'))).toBe(d.gpuUtilization.utilization)
    // the same URL in a new page shows the same view
    const other = await browser.newPage()
    await other.goto(url)
    await other.waitForSelector('[data-testid="gpu-table"]')
    expect(await other.inputValue('[data-testid="filter-sku"]')).toBe(sku)
    expect(await other.getAttribute('[data-testid="fleet-utilization"]', 'data-value')).toBe(
      String(d.gpuUtilization.utilization),
    )
    await other.close()
  })

  it('opens a GPU with its revenue split and owner history', async () => {
    const moved = sim.transfers[0].gpuId.toString()
    await page.goto(`${api.url}/?view=compute&from=${from}&to=${to}`)
    await page.waitForSelector('[data-testid="gpu-table"]')
    await page.click(`tr[data-gpu="${moved}"] a`)
    await page.waitForSelector('[data-testid="owner-history"]')
    const y = (
      await data(
        `{ gpuYield(scope: { gpuIds: ["${moved}"] }, from: "${from}T00:00:00Z", to: "${to}T00:00:00Z") { gross net } }`,
      )
    ).gpuYield
    expect(await valueOf('split-gross')).toBe(y.gross)
    expect(await valueOf('split-net')).toBe(y.net)
    // the mint and the day-5 transfer
    expect(await page.locator('[data-testid="owner-history"] tbody tr').count()).toBe(2)
    expect(await valueOf('gpu-owner')).toBe(sim.transfers[0].to)
    await shot('gpu')
  })

  it('says so when the window holds nothing', async () => {
    await page.goto(`${api.url}/?view=compute&from=2020-01-01&to=2020-01-08`)
    await page.waitForSelector('[data-testid="gpu-table"]')
    expect(await page.textContent('#chart')).toContain('No usage in this window.')
    expect(await textOf('fleet-utilization')).toBe('—')
  })
})

describe('vaults and models', () => {
  it('shows the vault’s APR, TVL and price-per-share chart as the API computes them', async () => {
    await page.goto(`${api.url}/?view=vaults&from=${from}&to=${to}`)
    await page.waitForSelector('[data-testid="pps-chart"] canvas')
    const y = (
      await data(
        `{ vaultYield(vault: "${sim.deployment.gpuVault}", from: "${from}T00:00:00Z", to: "${to}T00:00:00Z") { apr tvl deposits } }`,
      )
    ).vaultYield
    expect(Number(await valueOf('vault-apr'))).toBe(y.apr)
    expect(await textOf('vault-apr')).toBe(pct(y.apr))
    expect(await valueOf('vault-tvl')).toBe(y.tvl)
    expect(await valueOf('vault-deposits')).toBe(y.deposits)
    await shot('vaults')
  })

  it('shows offering outcomes, prices and inference usage', async () => {
    await page.goto(`${api.url}/?view=models&from=${from}&to=${to}`)
    await page.waitForSelector('[data-testid="offerings"]')
    const statuses = await page.$$eval('[data-testid="offerings"] td[data-col="status"]', (t) =>
      t.map((x) => x.textContent),
    )
    expect(statuses).toEqual(['succeeded', 'failed', 'succeeded'])
    const d = await data(`{ modelTokens { nodes { id offering { price } } }
      modelUsage(modelId: "1", from: "${from}T00:00:00Z", to: "${to}T00:00:00Z") { requests fees } }`)
    const prices = await page.$$eval('[data-testid="offerings"] td[data-col="price"]', (t) =>
      t.map((x) => x.getAttribute('data-value')),
    )
    expect(prices).toEqual(d.modelTokens.nodes.map((n: any) => n.offering.price ?? ''))
    expect(Number(await valueOf('usage-requests'))).toBe(d.modelUsage.requests)
    expect(await valueOf('usage-fees')).toBe(d.modelUsage.fees)
    await shot('models')
  })
})

describe('provenance', () => {
  it('draws the lineage, flags the unresolved, and leads from a node to its evidence', async () => {
    const mv = sim.ids.mvChat
    const warnings: string[] = []
    const onConsole = (m: { type(): string; text(): string }) => {
      if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text())
    }
    page.on('console', onConsole)
    await page.goto(`${api.url}/?view=provenance&mv=${mv}&from=${from}&to=${to}`)
    await page.waitForSelector('[data-testid="lineage-graph"] canvas')
    // model versions with ASCII-padded ids read as their names, each its own
    const names = await page.$$eval('[data-testid="lineage-nodes"] a[data-pick^="model:"]', (as) =>
      as.map((a) => a.textContent),
    )
    expect(names.sort()).toEqual(['llama-garden-8b@base', 'llama-garden-8b@chat'])
    const g =
      await data(`{ modelLineage(modelVersionId: "${mv}") { nodes { id resolved evidence { txHash blockNumber } } }
        modelAttribution(modelVersionId: "${mv}") { unattributed } }`)
    expect(Number(await textOf('lineage-count'))).toBe(g.modelLineage.nodes.length)
    expect(Number(await textOf('unresolved-count'))).toBe(2) // the other-chain dataset version and GPU 999
    expect(Number(await valueOf('unattributed'))).toBe(g.modelAttribution.unattributed)

    // a node → its evidence: the base model version, published on chain
    const base = `model:${sim.ids.mvBase}`
    await page.click(`a[data-pick="${base}"]`)
    await page.waitForSelector('[data-testid="evidence-tx"]')
    const node = g.modelLineage.nodes.find((n: any) => n.id === base)
    expect(await textOf('selected-id')).toBe(base)
    expect(await textOf('evidence-tx')).toBe(node.evidence.txHash)
    // with explorerUrl in the network file, the transaction links to the explorer's page of it
    expect(await page.getAttribute('[data-testid="evidence-tx"] a', 'href')).toBe(
      `${EXPLORER}/tx/${node.evidence.txHash}`,
    )
    expect(Number(await textOf('evidence-block'))).toBe(node.evidence.blockNumber)

    // an unresolved reference says so and has no log of its own
    await page.click(`a[data-pick="dataset:${sim.ids.unknownVersion}"]`)
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="selected"]')?.textContent?.includes('unresolved'),
    )
    expect(await page.locator('[data-testid="evidence-tx"]').count()).toBe(0)

    // a training run → the compute its GPUs reported while it ran, as the API gives it
    const runs = (
      await data(`{ modelVersion(id: "${mv}") { runs { id gpus { referencedGpuId usage { rentedSec } } } } }`)
    ).modelVersion.runs
    const run = runs.find((r: any) => r.gpus.some((g: any) => g.usage.rentedSec !== '0'))
    await page.click(`a[data-pick="run:${run.id}"]`)
    await page.waitForSelector('[data-testid="run-compute"] tbody tr')
    const shown = await page.$$eval('[data-testid="run-compute"] tbody tr', (rows) =>
      rows.map((r) => [r.getAttribute('data-gpu'), r.querySelector('[data-col="rented"]')!.getAttribute('data-value')]),
    )
    expect(shown).toEqual(run.gpus.map((g: any) => [g.referencedGpuId, g.usage.rentedSec]))

    // the lowest row of the node list: its evidence comes into view
    const rows = page.locator('[data-testid="lineage-nodes"] a[data-pick]')
    await rows.last().click()
    const box = await page.locator('[data-testid="selected"]').boundingBox()
    const viewport = page.viewportSize()!
    expect(box!.y + 40).toBeLessThan(viewport.height)
    expect(box!.y + box!.height).toBeGreaterThan(0)
    // and no render logged a warning (Cytoscape's "custom wheel sensitivity" did, on every one)
    page.off('console', onConsole)
    expect(warnings).toEqual([])
    await shot('provenance')
  })

  it('traces impact and offers the PROV-O and CSV downloads', async () => {
    const mv = sim.ids.mvChat
    await page.goto(`${api.url}/?view=provenance&mv=${mv}&from=${from}&to=${to}`)
    await page.waitForSelector('[data-testid="lineage-graph"] canvas')
    await page.selectOption('[data-testid="impact-start"]', `dataset:${sim.ids.webV1}`)
    await page.click('#impact button')
    await page.waitForSelector('[data-testid="impact"]')
    // web-crawl@1 reaches the base model, its chat fine-tune and the quantized chat model
    expect(await page.locator('[data-testid="impact"] li').count()).toBe(3)
    const prov = await page.getAttribute('[data-testid="download-prov"]', 'href')
    const r = await fetch(`${api.url}${prov}`)
    expect(r.status).toBe(200)
    expect(((await r.json()) as any)['@graph'].length).toBeGreaterThan(10)
    const csv = await page.getAttribute('[data-testid="download-attribution"]', 'href')
    expect((await fetch(`${api.url}${csv}`)).status).toBe(200)
  })
})

describe('phone width', () => {
  it('fits a 390-px screen without sideways scrolling of the page', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await phone.goto(`${api.url}/?view=compute&from=${from}&to=${to}`)
    await phone.waitForSelector('[data-testid="gpu-table"]')
    const width = await phone.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(390)
    await phone.screenshot({ path: path.join(ARTIFACTS, 'phone-compute.png'), fullPage: true })
    await phone.goto(`${api.url}/?view=provenance&mv=${sim.ids.mvChat}&from=${from}&to=${to}`)
    await phone.waitForSelector('[data-testid="lineage-graph"] canvas')
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await phone.screenshot({ path: path.join(ARTIFACTS, 'phone-provenance.png'), fullPage: true })
    await phone.close()
  })
})
