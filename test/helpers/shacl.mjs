// Validates a JSON-LD document (stdin) against SHACL shapes (a Turtle file, argv[2]) and prints the
// report as JSON: { conforms, results: [{ focusNode, path, message }] }. A plain Node ES module,
// since rdf-validate-shacl is one (jest's module system cannot load it).
import fs from 'node:fs'
import rdf from '@zazuko/env'
import SHACLValidator from 'rdf-validate-shacl'
import n3 from 'n3'
import jsonld from 'jsonld'

const parse = (text, format) => rdf.dataset(new n3.Parser({ format }).parse(text))
const doc = JSON.parse(fs.readFileSync(0, 'utf8'))
const nquads = await jsonld.toRDF(doc, { format: 'application/n-quads' })
const shapes = parse(fs.readFileSync(process.argv[2], 'utf8'), 'text/turtle')
const report = await new SHACLValidator(shapes, { factory: rdf }).validate(parse(nquads, 'application/n-quads'))
process.stdout.write(
  JSON.stringify({
    conforms: report.conforms,
    results: report.results.map((r) => ({
      focusNode: r.focusNode?.value,
      path: r.path?.value,
      message: r.message.map((m) => m.value).join('; '),
    })),
  }),
)
