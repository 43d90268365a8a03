// The Node version Render runs (render.yaml's NODE_VERSION, also the Dockerfile's base image),
// brought onto this machine so tests can run on it. The npm registry serves every Node release
// as a package (node-<platform>-<arch>), so this needs no other download site, no version
// manager and no global install: the binary is unpacked into the shared cache, once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cacheDir } from '../../infra/index.mjs';
import { PROJECT_ROOT } from './paths.mjs';

/** NODE_VERSION of render.yaml's services; they must agree, since one version is tested. */
export function pinnedNodeVersion() {
  const blueprint = parse(readFileSync(join(PROJECT_ROOT, 'render.yaml'), 'utf8'));
  const versions = new Set(
    blueprint.services.map((service) => service.envVars?.find((variable) => variable.key === 'NODE_VERSION')?.value),
  );
  const [version] = versions;
  if (versions.size !== 1 || !/^\d+\.\d+\.\d+$/.test(version ?? '')) {
    throw new Error(`render.yaml must pin one exact NODE_VERSION for every service (found: ${[...versions].join(', ')})`);
  }
  return version;
}

/** Path of that Node's binary, fetched through npm the first time. */
export function ensurePinnedNode(version, log = console.log) {
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
    const tarball = run('npm', ['pack', `${pkg}@${version}`, '--pack-destination', staging, '--silent']).trim().split('\n').pop();
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
    throw new Error(`\`${command} ${args.join(' ')}\` failed: ${(result.stderr || result.error?.message || '').trim().split('\n').slice(-5).join(' ')}`);
  }
  return result.stdout;
}
