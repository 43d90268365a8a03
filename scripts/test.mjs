// `npm test`: dependencies, type check, lint, import cycles, a fresh broker (with its SASL_SSL listener),
// database and Redis, build, then every test in one jest run on the Node version .nvmrc names (the services
// the end-to-end specs start run on it too). Ends with the plain line "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bringUp, ensureTestTools } from '../infra/index.mjs';
import { buildIfStale } from './lib/build.mjs';
import { ensureDependencies } from './lib/ensure-dependencies.mjs';
import { jestRunArgs, readCounts } from './lib/jest-results.mjs';
import { PROJECT_ROOT } from './lib/paths.mjs';
import { pinnedNodeVersion, resolveProjectNode } from './lib/pinned-node.mjs';

const RESULTS_FILE = join(PROJECT_ROOT, '.infra', 'test-results.json');

async function main() {
  const startedAt = Date.now();
  ensureDependencies();
  run('type check', 'npx', ['--no-install', 'tsc', '--noEmit', '-p', 'tsconfig.json']);
  run('lint', 'npx', ['--no-install', 'eslint', '.']);
  // A runtime import cycle leaves a class undefined when Nest reads its constructor's types.
  run('import cycles', 'npx', ['--no-install', 'madge', '--circular', 'apps', 'libs']);
  run('format check', 'npx', ['--no-install', 'prettier', '--check', '.']);
  // Before the infrastructure starts, so a failed fetch leaves nothing to stop.
  const node = resolveProjectNode();
  console.log(`test: jest on Node ${node.version} (.nvmrc: ${pinnedNodeVersion()}; this machine: ${process.version})`);
  const infra = await bringUp({ fresh: true, redis: true, saslSsl: true });
  let counts = { passed: 0, failed: 1, skipped: 0 };
  try {
    await ensureTestTools();
    buildIfStale();
    mkdirSync(join(PROJECT_ROOT, '.infra'), { recursive: true });
    rmSync(RESULTS_FILE, { force: true });
    const env = {
      KAFKA_BROKERS: infra.kafkaBrokers,
      MONGODB_URI: infra.mongodbUri,
      REDIS_URL: infra.redisUrl,
      ...saslSslEnv(infra.saslSsl),
    };
    // Jest's own script run by that Node, not the `node` on PATH its bin link would pick: the services
    // the end-to-end specs start run on process.execPath, so on the same Node. Found as Node finds it
    // from the project (a node_modules further up too), as npx would.
    const jest = createRequire(join(PROJECT_ROOT, 'package.json')).resolve('jest/bin/jest');
    spawnSync(node.path, [jest, ...jestRunArgs(RESULTS_FILE), ...process.argv.slice(2)], {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    counts = readCounts(RESULTS_FILE);
  } finally {
    await infra.stop();
  }
  console.log(`npm test took ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(counts.failed === 0 && counts.passed > 0 ? 0 : 1);
}

// The SASL_SSL listener for sasl-ssl.e2e-spec.ts: the password's file, never the password.
// Unset when KAFKA_BROKERS named a broker of someone else's (then that spec says what is missing).
function saslSslEnv(listener) {
  if (!listener) return {};
  return {
    SASL_SSL_BROKERS: listener.brokers,
    SASL_SSL_USERNAME: listener.username,
    SASL_SSL_PASSWORD_FILE: listener.passwordFile,
    SASL_SSL_CA_FILE: listener.caFile,
  };
}

function run(what, command, args) {
  console.log(`test: ${what}`);
  const result = spawnSync(command, args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.log(`0 passed, 1 failed, 0 skipped`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(`npm test: ${error.message}`);
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
});
