// Builds both apps when any source file is newer than the build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { appEntryPoint, PROJECT_ROOT } from './paths.mjs';

/** The apps `nest build` compiles, each on its own: package.json's build script, the Dockerfile and Render do the same. */
export const APPS = ['client-a', 'client-b'];

export function buildIfStale(log = console.log) {
  const sourcesChangedAt = newestMtime(['apps', 'libs', 'tsconfig.json', 'nest-cli.json', 'package-lock.json']);
  for (const app of APPS) {
    const entry = appEntryPoint(app);
    if (existsSync(entry) && statSync(entry).mtimeMs >= sourcesChangedAt) continue;
    log(`build: compiling ${app}`);
    const result = spawnSync('npx', ['--no-install', 'nest', 'build', app], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`nest build ${app} failed; see the output above`);
  }
}

function newestMtime(relativePaths) {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) readdirSync(path).forEach((name) => visit(join(path, name)));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  relativePaths
    .map((path) => join(PROJECT_ROOT, path))
    .filter(existsSync)
    .forEach(visit);
  return newest;
}
