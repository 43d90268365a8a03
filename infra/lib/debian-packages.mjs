// Test tools from Debian's packages (kcat for the dead-letter runbook; more as tests
// need them). Installing them is the one step that needs root: it says so, uses
// `sudo -n` when we are not root, and otherwise stops with the command to run.
import { findOnPath } from './prerequisites.mjs';
import { runTool } from './processes.mjs';

const APT_TIMEOUT_MS = 10 * 60_000;

// tools: [{ command: 'kcat', pkg: 'kcat' }, ...]; resolves once every command is on PATH.
export async function ensureDebianTools(tools, { log = console.log } = {}) {
  const missing = tools.filter(({ command }) => !findOnPath(command));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map(({ pkg }) => pkg))];
  const asRoot = rootRunner();
  if (!asRoot) {
    throw new Error(
      `${missing.map(({ command }) => command).join(', ')} not installed; as root run: ` +
        `apt-get install -y --no-install-recommends ${packages.join(' ')}`,
    );
  }
  log(
    `system packages: installing ${packages.join(', ')} with apt-get${asRoot.length ? ' through sudo' : ' (as root)'}, first run only`,
  );
  const env = { DEBIAN_FRONTEND: 'noninteractive' }; // never stop to ask a question
  const [command, ...prefix] = [...asRoot, 'apt-get'];
  const apt = (args) => runTool(command, [...prefix, ...args], { env, timeoutMs: APT_TIMEOUT_MS });
  await apt(['update']);
  await apt(['install', '-y', '--no-install-recommends', ...packages]);
  const stillMissing = missing.filter(({ command }) => !findOnPath(command));
  if (stillMissing.length)
    throw new Error(`apt-get ran, but ${stillMissing.map(({ command }) => command).join(', ')} is still not on PATH`);
}

// [] when we are root; ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'] when sudo works without a password; else null.
function rootRunner() {
  if (!findOnPath('apt-get')) return null;
  if (process.getuid?.() === 0) return [];
  return findOnPath('sudo') ? ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'] : null;
}

/** kcat, for the tests that read the dead-letter topic as operators do. */
export const ensureKcat = (options) => ensureDebianTools([{ command: 'kcat', pkg: 'kcat' }], options);

/**
 * What `npm test` needs besides the servers: kcat; Debian's Chromium for the browser tests
 * (driven with playwright-core, which downloads no browser); docker-compose, which checks
 * docker-compose.yml offline (its `config` needs no Docker engine); curl, for docs/deployment.md's
 * commands. Not redis-server: bringUp({ redis: true }) installs it itself, since it starts it.
 */
export const ensureTestTools = (options) =>
  ensureDebianTools(
    [
      { command: 'kcat', pkg: 'kcat' },
      { command: 'chromium', pkg: 'chromium' },
      { command: 'docker-compose', pkg: 'docker-compose' },
      { command: 'curl', pkg: 'curl' },
    ],
    options,
  );
