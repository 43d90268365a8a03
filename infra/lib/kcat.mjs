// kcat (a small Kafka command-line client) for tests, from Debian's packages.
import { findOnPath } from './prerequisites.mjs';
import { runTool } from './processes.mjs';

// Resolves with the path of `kcat`, installing it with apt-get if it is missing.
export async function ensureKcat({ log = console.log } = {}) {
  const existing = findOnPath('kcat');
  if (existing) return existing;
  if (!findOnPath('apt-get') || process.getuid?.() !== 0) {
    throw new Error('kcat is not installed; install it with `apt-get install kcat` (Debian/Ubuntu, as root)');
  }
  log('kcat: installing with apt-get (first run only)');
  const env = { DEBIAN_FRONTEND: 'noninteractive' }; // never stop to ask a question
  await runTool('apt-get', ['update'], { env, timeoutMs: 5 * 60_000 });
  await runTool('apt-get', ['install', '-y', '--no-install-recommends', 'kcat'], { env, timeoutMs: 5 * 60_000 });
  const installed = findOnPath('kcat');
  if (!installed) throw new Error('apt-get installed kcat, but `kcat` is still not on PATH');
  return installed;
}
