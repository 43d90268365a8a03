// Installs npm dependencies when they are missing or older than the lockfile.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './paths.mjs';

/** How dependencies are installed from the lockfile; the Dockerfile's build stage runs the same. */
export const NPM_CI_ARGS = ['ci', '--no-audit', '--no-fund'];

export function ensureDependencies(log = console.log) {
  const installed = join(PROJECT_ROOT, 'node_modules', '.package-lock.json');
  const lockfile = join(PROJECT_ROOT, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lockfile).mtimeMs) return;
  log('deps: installing npm dependencies (npm ci)');
  const result = spawnSync('npm', NPM_CI_ARGS, { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm ci failed; see the output above');
}
