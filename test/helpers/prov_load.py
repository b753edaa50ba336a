"""Loads a PROV-O JSON-LD document (stdin) with the W3C PROV reference library for Python (Debian's
python3-prov) and prints what it read as JSON: the number of records of each kind, and every
relation as [kind, first formal argument, second formal argument] with full IRIs."""
import json
import sys

from prov.model import ProvDocument, ProvElement, ProvRelation

doc = ProvDocument.deserialize(content=sys.stdin.read(), format="rdf", rdf_format="json-ld")
counts = {}
relations = []
for record in doc.get_records():
    kind = type(record).__name__
    counts[kind] = counts.get(kind, 0) + 1
    if isinstance(record, ProvRelation):
        args = [str(v.uri) if hasattr(v, "uri") else None for _, v in record.formal_attributes[:2]]
        relations.append([kind] + args)
json.dump({"counts": counts, "relations": relations}, sys.stdout)
