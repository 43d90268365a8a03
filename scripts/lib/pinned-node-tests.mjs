// Runs the unit tests and a smoke subset of the end-to-end tests on the Node version Render
// runs, so the deployed version is a tested one although the machine's own Node is another.
// Jest itself runs on that Node, so the services the end-to-end specs start (with
// process.execPath) run on it too.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { jestRunArgs, readCounts } from './jest-results.mjs';
import { PROJECT_ROOT } from './paths.mjs';
import { ensurePinnedNode, pinnedNodeVersion } from './pinned-node.mjs';

// send -> store, and retry -> dead letter: the two paths every deployment depends on.
const SMOKE_SPECS = ['send-receive', 'retry-dead-letter'];

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Returns { passed, failed, skipped }, or undefined when the machine's Node already
 * is the pinned one (the full run covered it). `env` names the broker, database and Redis.
 */
export function runPinnedNodeTests(env, log = console.log) {
  const version = pinnedNodeVersion();
  if (process.version === `v${version}`) {
    log(`test: this is Node ${version}, render.yaml's NODE_VERSION; the run above covered it`);
    return undefined;
  }
  const startedAt = Date.now();
  let node;
  try {
    node = ensurePinnedNode(version, log);
  } catch (error) {
    log(`test: ${error.message}`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  log(`test: unit and smoke end-to-end tests on Node ${version} (render.yaml's NODE_VERSION; this machine runs ${process.version})`);
  const root = escapeRegExp(PROJECT_ROOT);
  const patterns = [`^${root}/(apps|libs)/`, ...SMOKE_SPECS.map((spec) => `^${root}/test/e2e/${spec}\\.e2e-spec\\.ts$`)];
  const resultsFile = join(PROJECT_ROOT, '.infra', `test-results-node-${version}.json`);
  mkdirSync(join(PROJECT_ROOT, '.infra'), { recursive: true });
  rmSync(resultsFile, { force: true });
  // Found as Node finds it from the project (a node_modules further up too), as npx did above.
  const jest = createRequire(join(PROJECT_ROOT, 'package.json')).resolve('jest/bin/jest');
  spawnSync(node, [jest, ...jestRunArgs(resultsFile), ...patterns], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const counts = readCounts(resultsFile);
  // A run that found no test proves nothing about that Node.
  if (counts.passed + counts.failed === 0) counts.failed = 1;
  log(`test: on Node ${version}: ${counts.passed} passed, ${counts.failed} failed in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  return counts;
}
