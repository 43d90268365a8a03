import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

export const ROOT = join(__dirname, '..', '..', '..');

export const readProjectFile = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

export const readYaml = <T>(path: string): T => parse(readProjectFile(path)) as T;

export const packageJson = () =>
  JSON.parse(readProjectFile('package.json')) as {
    scripts: Record<string, string>;
    config: { serviceNodeOptions: string };
  };

/** package.json's config.serviceNodeOptions, as a list of flags. */
export const serviceNodeOptions = (): string[] => packageJson().config.serviceNodeOptions.split(' ');

/**
 * What the project's own scripts run, read from them rather than copied here: the apps
 * `nest build` compiles, how `npm ci` is called, and each app's entry point relative to the root.
 * (The scripts are ES modules, which Jest's CommonJS cannot require, hence a child Node.)
 */
export function projectScripts(): { apps: string[]; npmCiArgs: string[]; entryPoints: Record<string, string> } {
  const program = `
    const { APPS } = await import('./scripts/lib/build.mjs');
    const { NPM_CI_ARGS } = await import('./scripts/lib/ensure-dependencies.mjs');
    const { appEntryPoint } = await import('./scripts/lib/paths.mjs');
    console.log(JSON.stringify({ apps: APPS, npmCiArgs: NPM_CI_ARGS, entryPoints: Object.fromEntries(APPS.map((app) => [app, appEntryPoint(app)])) }));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', program], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`reading the project's scripts failed: ${result.stderr}`);
  const scripts = JSON.parse(result.stdout) as {
    apps: string[];
    npmCiArgs: string[];
    entryPoints: Record<string, string>;
  };
  for (const app of scripts.apps) scripts.entryPoints[app] = relative(ROOT, scripts.entryPoints[app]);
  return scripts;
}

/** The Kafka version the local infrastructure runs, written once in infra/kafka/pom.xml. */
export const infraKafkaVersion = (): string =>
  /<kafka\.version>([^<]+)</.exec(readProjectFile('infra/kafka/pom.xml'))![1];

/** The Node version .nvmrc names, as written there (Render, the Dockerfile and npm test follow it). */
export const nvmrcNodeVersion = (): string => readProjectFile('.nvmrc').trim();

/** A glob of Render's buildFilter (`*` within a folder, `**` across folders) as a RegExp. */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .split(/(\*\*\/?|\*)/)
    .map((part) => (part.startsWith('**') ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`);
}

/** Files git tracks (the ones a Render build sees), relative to the root. */
export function trackedFiles(): string[] {
  const result = spawnSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ls-files failed: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean);
}
