// One change to FerretDB v1.24's source before we build it, so that its own
// `_id` index serves its own `_id` queries.
//
// FerretDB's SQLite backend queries `_id` as `_ferretdb_sjson->'$._id'`
// (internal/backends/sqlite/metadata/metadata.go, IDColumn) but creates every
// index on `_ferretdb_sjson->"_id"` (metadata/registry.go). SQLite evaluates
// both the same, but uses an index only for the exact expression it was built
// on, so every find, update and delete by `_id` scanned the whole collection
// (measured: findOne by `_id` 97 ms among 10,000 documents, 32-83 ms among 50,000).
// Indexes are created here in the query's form; uniqueness is unchanged.
import fs from 'node:fs';
import path from 'node:path';

const REGISTRY_FILE = path.join('internal', 'backends', 'sqlite', 'metadata', 'registry.go');
const INDEX_EXPRESSION = 'columns[i] = fmt.Sprintf("%s->%s", DefaultColumn, strings.Join(fields, "->"))';
const QUERY_FORM_EXPRESSION = `columns[i] = fmt.Sprintf("%s->'$.%s'", DefaultColumn, strings.ReplaceAll(key.Field, "'", "''"))`;

/** Bump when the change below changes: the built binary's cache name carries it. */
export const FERRETDB_BUILD_REVISION = 'idx1';

// Throws when the source is not the one this change was written for, rather than build something else.
export function applyIndexExpressionFix(sourceDir) {
  const file = path.join(sourceDir, REGISTRY_FILE);
  const source = fs.readFileSync(file, 'utf8');
  if (!source.includes(INDEX_EXPRESSION)) {
    throw new Error(
      `FerretDB source changed: ${REGISTRY_FILE} no longer builds indexes as expected; review infra/lib/ferretdb-index-fix.mjs`,
    );
  }
  // `fields` was only used for the old expression; keep Go from rejecting an unused variable.
  fs.writeFileSync(file, source.replace(INDEX_EXPRESSION, `_ = fields\n\t\t\t${QUERY_FORM_EXPRESSION}`));
}
