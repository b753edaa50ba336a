import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { Anvil } from '../../src/demo/anvil'
import { networkConfigFor } from '../../src/demo/deploy'
import { simulate, type SimResult } from '../../src/demo/simulate'
import { startApiServer, type ApiServer } from '../../src/api/server'
import { createPublicClient, encodeAbiParameters, erc20Abi, http, keccak256 } from 'viem'
import { buildDailyChain } from '../../src/benchmarks/bulkChain'
import { graphqlData } from '../helpers/http'
import { launchBrowser } from '../helpers/browser'
import { testChain } from '../helpers/chain'
import { freshDatabase } from '../helpers/db'
import { runProcessor, writeTempConfig } from '../helpers/processor'

/**
 * The dashboard in a real browser (Debian's Chromium driven by playwright-core) against the demo
 * economy: every view shows the numbers of the GraphQL API, the lineage graph leads to its evidence.
 * Screenshots land in test/artifacts/ (not committed).
 */
const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts')

let anvil: Anvil
let sim: SimResult
let api: ApiServer
let browser: Browser
let page: Page
let from: string
let to: string
const pageErrors: string[] = []
/** the servers the pages may talk to */
const ours = new Set<string>()

const data = (q: string, variables: object = {}) => graphqlData(api.url, q, variables)

const pct = (x: number | null) => (x == null ? '—' : `${(x * 100).toFixed(2)}%`)
/** a full-page screenshot from the top (scrolled down, the sticky header would sit mid-page) */
async function shot(name: string) {
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true })
}
const valueOf = async (testid: string) => page.getAttribute(`[data-testid="${testid}"]`, 'data-value')
const textOf = async (testid: string) => (await page.textContent(`[data-testid="${testid}"]`))?.trim()

interface Drawn {
  zoom: number
  nodes: { id: string; label: string; x: number; box: { x1: number; x2: number; y1: number; y2: number } }[]
  edges: { id: string; from: string; to: string; kind: string }[]
}
/** The lineage graph as drawn: read from the cytoscape instance the page keeps on the graph's container. */
const drawnGraph = (p: Page): Promise<Drawn> =>
  p.evaluate(() => {
    const cy = (document.querySelector('[data-testid="lineage-graph"]') as any).cy
    return {
      zoom: cy.zoom(),
      nodes: cy.nodes().map((n: any) => ({
        id: n.id(),
        label: n.data('label'),
        x: n.position('x'),
        box: n.boundingBox({ includeLabels: true }),
      })),
      edges: cy
        .edges()
        .map((e: any) => ({ id: e.id(), from: e.source().id(), to: e.target().id(), kind: e.data('kind') })),
    }
  })

/** Readable: labels (10 px) drawn at 8 px or more, no node or label over another, inputs left of their use. */
function expectReadable(d: Drawn) {
  expect(d.zoom).toBeGreaterThanOrEqual(0.8)
  const overlaps: string[] = []
  for (let i = 0; i < d.nodes.length; i++)
    for (let j = i + 1; j < d.nodes.length; j++) {
      const [a, b] = [d.nodes[i].box, d.nodes[j].box]
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps.push(`${d.nodes[i].id} × ${d.nodes[j].id}`)
    }
  expect(overlaps).toEqual([])
  // API edges point from what was made to what it came from, except contribution → dataset version
  const x = new Map(d.nodes.map((n) => [n.id, n.x]))
  const backwards = d.edges.filter((e) =>
    e.kind === 'CONTRIBUTED_TO' ? x.get(e.from)! >= x.get(e.to)! : x.get(e.to)! >= x.get(e.from)!,
  )
  expect(backwards).toEqual([])
}

/**
 * Every CSV link on the page answers 200 with a header and rows: the dashboard sends only parameters
 * the report takes (its yield link once sent a bucket to a totals report). Returns the reports by path.
 */
async function csvLinks(p: Page): Promise<Map<string, string[][]>> {
  const hrefs = await p.$$eval('a[download][href^="/export/"]', (as) => as.map((a) => a.getAttribute('href')!))
  expect(hrefs.length).toBeGreaterThan(0)
  const out = new Map<string, string[][]>()
  for (const href of hrefs) {
    const r = await fetch(`${api.url}${href}`)
    const body = await r.text()
    expect([href, r.status]).toEqual([href, 200])
    const rows = body
      .trim()
      .split(/\r?\n/) // RFC 4180 lines end in CRLF
      .map((l) => l.split(','))
    expect(rows.length).toBeGreaterThan(1)
    out.set(href.split('?')[0], rows)
  }
  return out
}

/** Page coordinates of a drawn node or edge (its midpoint), for the mouse. */
const pointOf = (p: Page, id: string) =>
  p.evaluate((id) => {
    const el = document.querySelector('[data-testid="lineage-graph"]') as any
    const ele = el.cy.getElementById(id)
    const at = ele.isEdge() ? ele.renderedMidpoint() : ele.renderedPosition()
    const r = el.getBoundingClientRect()
    return { x: r.left + at.x, y: r.top + at.y }
  }, id)

/** a block explorer named in the network file (never contacted: links are only followed by people) */
const EXPLORER = 'https://explorer.example'

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const t = await testChain()
  anvil = t.anvil
  sim = await simulate(t.chain, { seed: 7, size: 'small' })
  const db = await freshDatabase('dashboard')
  const config = { ...networkConfigFor(sim.deployment, anvil.url), toBlock: sim.headBlock, explorerUrl: EXPLORER }
  const r = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: db })
  if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
  api = await startApiServer({ databaseUrl: db, port: 0 })
  ours.add(api.url)
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1200, height: 800 } })
  page.on('pageerror', (e) => pageErrors.push(String(e)))
  // the dashboard may only talk to our own server (no CDN)
  page.on('request', (req) => {
    if (![...ours].some((u) => req.url().startsWith(u)) && !req.url().startsWith('data:'))
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
    const reports = await csvLinks(page)
    // the utilization report is the daily series of the window; the yield report its totals, one row
    expect(reports.get('/export/gpu-utilization.csv')!.length - 1).toBe(Math.round((sim.end - sim.start) / 86400))
    expect(reports.get('/export/gpu-yield.csv')!.length - 1).toBe(1)
    await shot('compute')

    // the hover legend speaks the axis's unit: a utilization in %, not a fraction
    const chart = await page.locator('[data-testid="utilization-chart"] .u-over').boundingBox()
    await page.mouse.move(chart!.x + chart!.width / 2, chart!.y + chart!.height / 2)
    const legend = await page
      .locator('[data-testid="utilization-chart"] .u-legend .u-series:nth-child(2) .u-value')
      .textContent()
    expect(legend).toMatch(/^\d+\.\d{2}%$/)

    // the y-axis ticks fall on one round step (1, 2 or 5 × a power of ten): 70 / 75 / 80 %, not 73 / 78 %
    const ticks = (await page.getAttribute('[data-testid="utilization-chart"]', 'data-yticks'))!.split('|')
    expect(ticks.length).toBeGreaterThan(2)
    expect(ticks.every((t) => /^\d+(\.\d+)?%$/.test(t))).toBe(true)
    const levels = ticks.map((t) => Number(t.slice(0, -1)))
    const steps = new Set(levels.slice(1).map((v, i) => Number((v - levels[i]).toPrecision(6))))
    expect(steps.size).toBe(1)
    const [step] = steps
    expect([1, 2, 5]).toContain(Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(6)))

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
    // in the asset's own units and symbol, read from the chain (dUSD has 6 decimals)
    const whole = (Number(y.tvl) / 1e6).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    expect(await textOf('vault-tvl')).toBe(`${whole} dUSD`)
    // the vault report has a row per day with the price per share, TVL and flows
    const [header] = (await csvLinks(page)).get('/export/vault-yield.csv')!
    expect(header).toEqual(expect.arrayContaining(['bucketStart', 'pps', 'tvl', 'deposits', 'withdrawals']))
    await shot('vaults')
  })

  it('shows offering outcomes, prices and inference usage', async () => {
    await page.goto(`${api.url}/?view=models&from=${from}&to=${to}`)
    await page.waitForSelector('[data-testid="offerings"]')
    const statuses = await page.$$eval('[data-testid="offerings"] td[data-col="status"]', (t) =>
      t.map((x) => x.textContent),
    )
    expect(statuses).toEqual(['succeeded', 'failed', 'succeeded'])
    // the standalone ERC-7641 token, apart from the offerings, its revenue in the native coin
    const standalone = page.locator('[data-testid="standalone-tokens"] tbody tr')
    expect(await standalone.count()).toBe(1)
    expect(await standalone.locator('td[data-col="revenue"]').textContent()).toMatch(/^[\d,]+\.\d\d ETH$/)
    const d = await data(`{ modelTokens { nodes { id offering { price } } }
      modelUsage(modelId: "1", from: "${from}T00:00:00Z", to: "${to}T00:00:00Z") { requests fees } }`)
    const prices = await page.$$eval('[data-testid="offerings"] td[data-col="price"]', (t) =>
      t.map((x) => x.getAttribute('data-value')),
    )
    expect(prices).toEqual(d.modelTokens.nodes.filter((n: any) => n.offering).map((n: any) => n.offering.price ?? ''))
    expect(Number(await valueOf('usage-requests'))).toBe(d.modelUsage.requests)
    expect(await valueOf('usage-fees')).toBe(d.modelUsage.fees)

    // holders are the accounts with a non-zero balance on chain: every account and contract of the demo
    // asked with balanceOf at the indexed head
    const client = createPublicClient({ transport: http(anvil.url) })
    const candidates = [...new Set([...sim.accounts, ...sim.tokens, ...Object.values(sim.deployment)])].filter(
      (a): a is `0x${string}` => typeof a === 'string',
    )
    const balances = await Promise.all(
      sim.tokens.map((token) =>
        Promise.all(
          candidates.map((a) =>
            client.readContract({
              address: token,
              abi: erc20Abi,
              functionName: 'balanceOf',
              args: [a],
              blockNumber: BigInt(sim.headBlock),
            }),
          ),
        ),
      ),
    )
    const holders = balances.map((b) => b.filter((x) => x > 0n).length)
    const shownHolders = await page.$$eval('[data-testid="offerings"] td[data-col="holders"]', (t) =>
      t.map((x) => Number(x.textContent)),
    )
    expect(shownHolders).toEqual(holders)
    expect(Number(await textOf('holder-count'))).toBe(holders[0])
    // the factory keeps 2 base units the pro-rata distribution could not split: a holder, shown as such
    const factoryBalance = balances[0][candidates.indexOf(sim.deployment.modelTokenFactory)]
    expect(factoryBalance).toBe(2n)
    const factoryRow = page.locator(
      `[data-testid="holders"] tr[data-holder="${sim.deployment.modelTokenFactory.toLowerCase()}"]`,
    )
    expect(await factoryRow.locator('[data-col="balance"]').textContent()).toBe('< 1')
    expect(await factoryRow.textContent()).toContain('the factory')
    // the revenue-per-token axis is wide enough for its labels (0.000035 was cut to ").000035"): nothing is
    // drawn in the canvas's two leftmost pixel columns
    const cut = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="rpt-chart"] canvas') as HTMLCanvasElement
      const px = c.getContext('2d')!.getImageData(0, 0, 2, c.height).data
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) return true
      return false
    })
    expect(cut).toBe(false)
    const [usageHeader] = (await csvLinks(page)).get('/export/model-usage.csv')!
    expect(usageHeader).toEqual(expect.arrayContaining(['callers', 'fulfilledShare', 'medianLatencySec']))
    expect((await page.getAttribute('[data-testid="rpt-chart"]', 'data-yticks'))!.split('|')[0]).toMatch(
      /^0\.0000\d+$|^0$/,
    )
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

    // a layered drawing that reads at this size (the 49 nodes overlapped), every edge kind styled
    const drawn = await drawnGraph(page)
    expectReadable(drawn)
    // an edge says its kind under the pointer: the root's GENERATED_BY edge to its run
    const generated = drawn.edges.find((e) => e.kind === 'GENERATED_BY' && e.from === `model:31337:${mv}`)!
    const at = await pointOf(page, generated.id)
    await page.mouse.move(at.x, at.y)
    await page.waitForSelector('[data-testid="edge-tip"]:not([hidden])')
    const labelOf = (id: string) => drawn.nodes.find((n) => n.id === id)!.label
    expect(await textOf('edge-tip')).toBe(`${labelOf(generated.from)} · generated by · ${labelOf(generated.to)}`)
    await page.mouse.move(0, 0)
    await page.waitForSelector('[data-testid="edge-tip"]', { state: 'hidden' })
    const g =
      await data(`{ modelLineage(modelVersionId: "${mv}") { nodes { id resolved evidence { txHash blockNumber } } }
        modelAttribution(modelVersionId: "${mv}") { unattributed } }`)
    expect(Number(await textOf('lineage-count'))).toBe(g.modelLineage.nodes.length)
    expect(Number(await textOf('unresolved-count'))).toBe(2) // the other-chain dataset version and GPU 999
    expect(Number(await valueOf('unattributed'))).toBe(g.modelAttribution.unattributed)

    // a node → its evidence: the base model version, published on chain
    const base = `model:31337:${sim.ids.mvBase}`
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
    await page.click(`a[data-pick="dataset:31337:${sim.ids.unknownVersion}"]`)
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

  it('filters the node list by kind in place, in a shareable URL', async () => {
    await page.goto(`${api.url}/?view=provenance&mv=${sim.ids.mvChat}&from=${from}&to=${to}`)
    await page.waitForSelector('[data-testid="lineage-graph"] canvas')
    const runs = (
      await data(`{ modelLineage(modelVersionId: "${sim.ids.mvChat}") { nodes { id kind } } }`)
    ).modelLineage.nodes
      .filter((n: any) => n.kind === 'TRAINING_RUN')
      .map((n: any) => n.id)
    await page.click('[data-kind="TRAINING_RUN"]')
    await page.waitForURL(/kind=TRAINING_RUN/)
    const visibleRows = () =>
      page.$$eval('[data-testid="lineage-nodes"] tbody tr', (rows) =>
        rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.getAttribute('data-node')),
      )
    expect((await visibleRows()).sort()).toEqual(runs.sort())
    // the same URL opens filtered; a second click shows every kind again
    await page.reload()
    await page.waitForSelector('[data-testid="lineage-graph"] canvas')
    expect((await visibleRows()).sort()).toEqual(runs.sort())
    await page.click('[data-kind="TRAINING_RUN"]')
    expect(page.url()).not.toContain('kind=')
    expect((await visibleRows()).length).toBe(Number(await textOf('lineage-count')))
  })

  it('traces impact and offers the PROV-O and CSV downloads', async () => {
    const mv = sim.ids.mvChat
    await page.goto(`${api.url}/?view=provenance&mv=${mv}&from=${from}&to=${to}`)
    await page.waitForSelector('[data-testid="lineage-graph"] canvas')
    await page.selectOption('[data-testid="impact-start"]', `dataset:31337:${sim.ids.webV1}`)
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

describe('provenance at 500 nodes', () => {
  // a bench chain: 4 fine-tuned model versions over a derivation chain of 4 dataset versions with
  // 480 contributions of 12 accounts, so the newest version's lineage has about 510 nodes
  let bigAnvil: Anvil
  let bigApi: ApiServer
  let tip: string
  beforeAll(async () => {
    const t = await testChain()
    bigAnvil = t.anvil
    const plan = { gpus: 4, requestsPerDay: 1, flowsPerDay: 1, transfersPerDay: 1, modelVersions: 4, datasets: 4 }
    const chain = await buildDailyChain(t.chain, { ...plan, days: 1, contributions: 480 })
    const db = await freshDatabase('dashboard_big')
    const config = {
      name: 'big',
      chainId: 31337,
      rpcUrl: bigAnvil.url,
      gatewayUrl: null,
      finalityConfirmation: 1,
      fromBlock: 0,
      toBlock: chain.headBlock,
      contracts: chain.contracts,
    }
    const r = await runProcessor({ NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: db })
    if (r.code !== 0) throw new Error(`processor failed:\n${r.output.slice(-3000)}`)
    bigApi = await startApiServer({ databaseUrl: db, port: 0 })
    ours.add(bigApi.url)
    tip = keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'uint256' }], ['mv', 3n]))
  })
  afterAll(async () => {
    await bigApi?.close()
    await bigAnvil?.stop()
  })

  it('groups the contributions of each dataset version and stays readable', async () => {
    const lineage = (
      await fetch(`${bigApi.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ modelLineage(modelVersionId: "${tip}", maxDepth: 64) { nodes { id kind } } }`,
        }),
      }).then((r) => r.json() as Promise<any>)
    ).data.modelLineage.nodes as { id: string; kind: string }[]
    const kinds = (k: string) => lineage.filter((n) => n.kind === k).length
    expect(lineage.length).toBeGreaterThan(500)
    expect(kinds('CONTRIBUTION')).toBe(480)
    expect(kinds('DATASET_VERSION')).toBe(4)

    await page.goto(`${bigApi.url}/?view=provenance&mv=${tip}&depth=64`)
    await page.waitForSelector('[data-testid="lineage-graph"] canvas')
    expect(Number(await textOf('lineage-count'))).toBe(lineage.length)
    const drawn = await drawnGraph(page)
    // one node per dataset version's 120 contributions; of the 12 contributors (each works on one version)
    // 11 are drawn inside their group, the 12th also attests the runs, so it stays a node
    const groups = drawn.nodes.filter((n) => n.id.startsWith('group:'))
    expect(groups.map((n) => n.label)).toEqual(Array(4).fill('120 contributions'))
    expect(drawn.nodes.length).toBe(lineage.length - 480 - 11 + 4)
    expectReadable(drawn)

    // a group leads to its contributions, each to its own evidence
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.screenshot({ path: path.join(ARTIFACTS, 'provenance-500.png') })
    // "fit" shows the whole drawing in the box
    await page.click('#fit')
    const box = (await page.locator('[data-testid="lineage-graph"]').boundingBox())!
    for (const n of drawn.nodes) {
      const p = await pointOf(page, n.id)
      expect([p.x > box.x && p.x < box.x + box.width, p.y > box.y && p.y < box.y + box.height]).toEqual([true, true])
    }
    const at = await pointOf(page, groups[0].id)
    await page.mouse.click(at.x, at.y)
    await page.waitForSelector('[data-testid="group-members"] tbody tr')
    expect(await page.locator('[data-testid="group-members"] tbody tr').count()).toBe(120)
    await page.click('[data-testid="group-members"] a[data-pick]')
    await page.waitForSelector('[data-testid="evidence-tx"]')
    expect(await textOf('selected-id')).toMatch(/^contribution:31337:\d+$/)
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
    await phone.waitForSelector('[data-testid="lineage-nodes"] tbody tr')
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    // list first: the node list above the evidence, the graph folded below them until asked for
    const top = async (sel: string) => (await phone.locator(sel).boundingBox())!.y
    expect(await top('[data-testid="lineage-nodes"]')).toBeLessThan(await top('[data-testid="selected"]'))
    expect(await top('[data-testid="selected"]')).toBeLessThan(await top('#graphbox'))
    expect(await phone.locator('[data-testid="lineage-graph"]').isVisible()).toBe(false)
    // a tap on a row shows its evidence in view
    const base = `model:31337:${sim.ids.mvBase}`
    await phone.click(`a[data-pick="${base}"]`)
    await phone.waitForSelector('[data-testid="evidence-tx"]')
    const ev = (await phone.locator('[data-testid="selected"]').boundingBox())!
    expect(ev.y + 40).toBeLessThan(844)
    await phone.screenshot({ path: path.join(ARTIFACTS, 'phone-provenance.png') })
    // the graph opens on demand, drawn at its size
    await phone.click('#graphbox summary')
    await phone.waitForSelector('[data-testid="lineage-graph"] canvas')
    const g = (await phone.locator('[data-testid="lineage-graph"]').boundingBox())!
    expect(g.width).toBeGreaterThan(300)
    expect((await drawnGraph(phone)).zoom).toBeGreaterThanOrEqual(0.8)
    await phone.close()
  })
})
