import { createSchema } from '../../src/api/graphql/schema'

/** Frontend developers read the schema in the IDE: every type and field says what it is. */
it('describes every type and every field of the GraphQL schema', async () => {
  const schema = await createSchema()
  const missing: string[] = []
  for (const t of Object.values(schema.getTypeMap())) {
    if (t.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name)) continue
    if (!t.description) missing.push(`type ${t.name}`)
    if ('getFields' in t)
      for (const f of Object.values(t.getFields())) if (!f.description) missing.push(`${t.name}.${f.name}`)
  }
  expect(missing).toEqual([])
})

it('keeps the query names users rely on (docs/api.md)', async () => {
  const q = (await createSchema()).getQueryType()!.getFields()
  for (const name of [
    'indexerStatus',
    'gpuUtilization',
    'gpuYield',
    'vaultYield',
    'modelTokenYield',
    'holderRevenue',
    'modelUsage',
    'modelLineage',
    'dataImpact',
    'modelAttribution',
  ]) {
    expect(q[name]).toBeDefined()
  }
  // named arguments: their order carries no meaning
  expect(q.dataImpact.args.map((a) => a.name).sort()).toEqual([
    'asOfBlock',
    'chainId',
    'contributionId',
    'contributor',
    'datasetVersionId',
    'maxDepth',
  ])
  expect(q.modelLineage.args.find((a) => a.name === 'maxDepth')!.defaultValue).toBe(8)
  // METRICS.md v2: as of a block on the provenance and revenue queries and gpu(id)
  for (const name of ['modelLineage', 'dataImpact', 'modelAttribution', 'holderRevenue', 'gpu'])
    expect([name, q[name].args.some((a) => a.name === 'asOfBlock')]).toEqual([name, true])
})

it('keeps the standard directives beside @live (a directive list given to the schema replaces them)', async () => {
  const names = (await createSchema()).getDirectives().map((d) => d.name)
  expect(names).toEqual(expect.arrayContaining(['include', 'skip', 'deprecated', 'specifiedBy', 'live']))
})
