// Redis, for what several instances of a service share (Socket.IO fan-out, pub/sub,
// rate limits). Debian's redis-server, on its own port so a system Redis on 6379
// is never touched; optional: one instance of each service never needs it.
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, HOST, LOG_DIR, PORTS } from './paths.mjs';
import { redisPing } from './redis-ping.mjs';
import { spawnService, waitUntil } from './processes.mjs';

// Redis is ready in milliseconds; the margin is for loading a large data file.
const READY_DEADLINE_MS = 30_000;

const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

// Debian's package for the server; bringUp installs it when it is missing.
export const REDIS_TOOLS = [{ command: 'redis-server', pkg: 'redis-server' }];

export function redisPrerequisites() {
  return { ports: [{ port: PORTS.redis, name: 'Redis' }] };
}

function redisArgs(dataDir) {
  return [
    '--port',
    String(PORTS.redis),
    '--bind',
    HOST,
    '--dir',
    dataDir, // its dump.rdb; also what puts `.infra` in the command line
    '--daemonize',
    'no', // stay our child, so its process group can be stopped
    // Redis rewrites its process title to "redis-server 127.0.0.1:6380" by default,
    // which would hide --dir from lock.mjs's orphan check after a kill -9.
    '--set-proc-title',
    'no',
  ]; // no --logfile: its output goes to our log file; no password: loopback only
}

// Starts redis-server; resolves with its URL once it answers PING.
// register(name, child) is called as soon as the process exists, so it can be stopped.
export async function startRedis({ log, register }) {
  const t0 = Date.now();
  const dataDir = path.join(DATA_DIR, 'redis');
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(LOG_DIR, 'redis.log');
  fs.writeFileSync(logFile, ''); // one log per start
  const child = spawnService('redis-server', redisArgs(dataDir), { logFile });
  register('redis', child);
  await waitUntil(() => redisPing(PORTS.redis), {
    what: 'redis',
    deadlineMs: READY_DEADLINE_MS,
    child,
    logFile,
  });
  log(`redis: started on ${HOST}:${PORTS.redis} in ${seconds(t0)} s`);
  return `redis://${HOST}:${PORTS.redis}`;
}
