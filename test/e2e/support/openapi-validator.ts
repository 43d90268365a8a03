import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

// The validator is an ES module, which Jest's CommonJS runtime cannot load: Node runs it.
const SCRIPT = `
import { Validator } from '@seriousme/openapi-schema-validator';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const validator = new Validator();
const result = await validator.validate(JSON.parse(input));
process.stdout.write(JSON.stringify({ ...result, version: validator.version }));
`;

export interface OpenApiValidation {
  readonly valid: boolean;
  /** The OpenAPI version the document was validated as, e.g. "3.0". */
  readonly version: string;
  readonly errors?: unknown;
}

/** Validates an OpenAPI document against the specification's JSON schema (@seriousme/openapi-schema-validator). */
export function validateOpenApi(document: unknown): OpenApiValidation {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    cwd: ROOT,
    input: JSON.stringify(document),
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (run.status !== 0) throw new Error(`the OpenAPI validator failed: ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as OpenApiValidation;
}
