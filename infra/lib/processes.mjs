// Child processes: start them, wait for them, stop them, and never leave one behind.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const GRACE_MS = 10_000; // SIGTERM first; SIGKILL if still alive after this

// Every child we start, so stopAll() and the exit hook can find it.
const children = new Set();

// Each child gets its own process group (detached), so one kill(-pid)
// also reaches anything it forked; we never rely on the terminal's Ctrl-C.
function track(child) {
  children.add(child);
  child.exited = new Promise((resolve) => {
    const finish = (result) => {
      children.delete(child);
      child.done = true;
      resolve(result);
    };
    child.once('exit', (code, signal) => finish({ code, signal }));
    // spawn failed (e.g. command not found): there will be no 'exit'
    child.once('error', (error) => finish({ code: null, signal: null, error }));
  });
  return child;
}

// Long-running server; stdout and stderr go to logFile (appended).
export function spawnService(command, args, { logFile, env } = {}) {
  const fd = fs.openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
    return track(child);
  } finally {
    fs.closeSync(fd); // the child holds its own copy
  }
}

// Short-lived tool (mvn, go, apt-get, kafka StorageTool): resolves with its
// output, rejects with the output's last lines on failure or after timeoutMs.
export function runTool(command, args, { cwd, env, timeoutMs = 600_000, logFile } = {}) {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } }),
    );
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      if (logFile) fs.appendFileSync(logFile, chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      output += `\n(timed out after ${timeoutMs / 1000} s)`;
      stopProcess(child);
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${command}: ${err.message}`));
    });
    // 'close' (not 'exit') so that all of the output has been read
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else
        reject(
          new Error(`\`${command} ${args.join(' ')}\` failed (${signal ?? `exit ${code}`}):\n${tailOf(output, 15)}`),
        );
    });
  });
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

// SIGTERM to the whole group, then SIGKILL if it is still there after the grace period.
export async function stopProcess(child, graceMs = GRACE_MS) {
  if (!child.pid || child.done) return;
  signalGroup(child, 'SIGTERM');
  const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([child.exited, timer])) === 'timeout') {
    signalGroup(child, 'SIGKILL');
    await child.exited;
  }
}

export async function stopAll() {
  await Promise.all([...children].map((child) => stopProcess(child)));
}

// Last resort if Node exits without stop() (uncaught error, process.exit()).
process.on('exit', () => {
  for (const child of children) signalGroup(child, 'SIGKILL');
});

// True if something accepts TCP connections on host:port.
export function canConnect(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

// True if we could listen on host:port ourselves (binding also sees 0.0.0.0 listeners).
export function portIsFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

// Polls check() until it returns true. Fails early if `child` exits, and
// after deadlineMs with `what` and the last lines of logFile in the message.
export async function waitUntil(check, { what, deadlineMs, child, logFile, intervalMs = 250 }) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (child?.done) {
      const how = child.signalCode ?? (child.exitCode !== null ? `exit ${child.exitCode}` : 'could not start');
      throw new Error(`${what}: process exited (${how}) before it was ready${logTail(logFile)}`);
    }
    if (await check()) return;
    if (Date.now() > deadline) {
      throw new Error(`${what}: not ready after ${deadlineMs / 1000} s${logTail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function tailOf(text, lines) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function logTail(logFile, lines = 20) {
  if (!logFile || !fs.existsSync(logFile)) return '';
  return `; last lines of ${logFile}:\n${tailOf(fs.readFileSync(logFile, 'utf8'), lines)}`;
}
