// The Node version production runs, written once in .nvmrc (Render reads that file; the Dockerfile's
// base image is tested against it), and the binary the tests and the services run on. When this
// machine's Node is another, that version is brought onto it: the npm registry serves every Node
// release as a package (node-<platform>-<arch>), so this needs no other download site, no version
// manager and no global install: the binary is unpacked into the shared cache, once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../../infra/index.mjs';
import { PROJECT_ROOT } from './paths.mjs';

/** The exact version .nvmrc names, without the leading "v". */
export function pinnedNodeVersion() {
  const version = readFileSync(join(PROJECT_ROOT, '.nvmrc'), 'utf8').trim().replace(/^v/, '');
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`.nvmrc must name one exact Node version, such as 22.21.1 (found "${version}")`);
  }
  return version;
}

let projectNode;

/**
 * { path, version } of the Node that runs jest, the services and the benchmark: this process's
 * own when it is .nvmrc's major.minor (a patch release changes no behaviour the tests look at,
 * and a child of a run already on that Node gets it without a second fetch), else .nvmrc's exact
 * version, fetched the first time.
 */
export function resolveProjectNode(log = console.log) {
  if (projectNode) return projectNode;
  const version = pinnedNodeVersion();
  const sameMinor = process.version.startsWith(`v${version.split('.').slice(0, 2).join('.')}.`);
  projectNode = sameMinor
    ? { path: process.execPath, version: process.version }
    : { path: ensurePinnedNode(version, log), version: `v${version}` };
  return projectNode;
}

/** Path of that Node's binary, fetched through npm the first time. */
function ensurePinnedNode(version, log = console.log) {
  const pkg = `node-${process.platform}-${process.arch}`;
  const dir = join(cacheDir(), `${pkg}-${version}`);
  const binary = join(dir, 'bin', 'node');
  if (existsSync(binary)) return binary;

  log(`node: fetching Node ${version} (npm package ${pkg}), first run only`);
  // Unpacked beside its final place and renamed at the end, so an interrupted fetch never
  // looks like a finished one.
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const tarball = run('npm', ['pack', `${pkg}@${version}`, '--pack-destination', staging, '--silent'])
      .trim()
      .split('\n')
      .pop();
    run('tar', ['xzf', join(staging, tarball), '-C', staging, '--strip-components=1', 'package/bin/node']);
    rmSync(join(staging, tarball));
    const reported = run(join(staging, 'bin', 'node'), ['--version']).trim();
    if (reported !== `v${version}`) throw new Error(`${pkg}@${version} holds Node ${reported}`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`could not fetch Node ${version}: ${error.message}`);
  }
  return binary;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 5 * 60_000 });
  if (result.status !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` failed: ${(result.stderr || result.error?.message || '').trim().split('\n').slice(-5).join(' ')}`,
    );
  }
  return result.stdout;
}
