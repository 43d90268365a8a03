// Starts the built apps as child processes and waits until their /health answers.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPORTED_LINES } from './instance-supervisor.cjs';
import { appEntryPoint, PROJECT_ROOT } from './paths.mjs';
import { resolveProjectNode } from './pinned-node.mjs';

/**
 * package.json's `config.serviceNodeOptions`: the V8 heap limit every start of a
 * service uses (npm scripts, Render, tests, benchmark), so the garbage collector
 * works within the services' memory budget instead of growing the heap first.
 */
export const SERVICE_NODE_OPTIONS = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'),
).config.serviceNodeOptions.split(' ');

/**
 * Starts one app with `env` added to ours, on .nvmrc's Node (the one production runs and the
 * tests ran on); its output lines are prefixed with `label` (its name, or e.g. "client-b #2").
 * `nodeOptions`: more options for Node (the benchmark's profiler; not with `watch`). `watch`: through
 * `nest start --watch`, which rebuilds and restarts it when its sources change (the child is then the Nest CLI). `child.lastLines` keeps the end of its output, as much as
 * an exit report shows, from both streams as they came: pino logs to stdout, while Node's own
 * crash report goes to stderr.
 */
export function startApp(app, env, label = app, { watch = false, nodeOptions = [] } = {}) {
  const node = resolveProjectNode().path;
  const [command, ...args] = watch
    ? nestStartWatch(app, node)
    : [node, '--enable-source-maps', ...SERVICE_NODE_OPTIONS, ...nodeOptions, appEntryPoint(app)];
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.lastLines = [];
  const prefix = (stream, out) => {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) out.write(`[${label}] ${line}\n`);
      child.lastLines.push(...lines.filter((line) => line.trim()));
      child.lastLines.splice(0, Math.max(0, child.lastLines.length - REPORTED_LINES));
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  return child;
}

// The Nest CLI compiles on this process's Node and starts the app with `--exec`, a line its shell reads
// (it adds --enable-source-maps and the entry point itself). `exec` makes the app the shell's process,
// so the SIGTERM the CLI forwards on a stop reaches the app instead of ending only the shell.
function nestStartWatch(app, node) {
  const cli = createRequire(join(PROJECT_ROOT, 'package.json')).resolve('@nestjs/cli/bin/nest.js');
  const exec = ['exec', `'${node.replaceAll("'", `'\\''`)}'`, ...SERVICE_NODE_OPTIONS].join(' ');
  return [process.execPath, cli, 'start', app, '--watch', '--preserveWatchOutput', '--exec', exec];
}

/**
 * Resolves when GET /health answers 200; rejects if `child` exits or the deadline passes. Without
 * `child` only the port is watched: an instance that is restarted when it exits may exit meanwhile.
 */
export async function waitForHealth(app, child, port, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${app} exited with code ${child.exitCode} while starting`);
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${app} did not become healthy on port ${port} within ${timeoutMs / 1000} s`);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export function stopApp(child, graceMs = 12_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Fails with one clear line when a port the apps need is taken. */
export async function assertPortFree(port, variable) {
  const free = await new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => server.close(() => resolve(true)))
      .listen(port, '0.0.0.0');
  });
  if (!free) throw new Error(`port ${port} is already in use; free it or set ${variable} to another port`);
}
