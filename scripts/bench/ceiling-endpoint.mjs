// Runs the bare-endpoint reference server as a child process for the duration of a measurement.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolveProjectNode } from '../lib/pinned-node.mjs';
import { measureAcceptedRate } from './accepted-rate.mjs';

const SERVER = fileURLToPath(new URL('./ceiling-server.cjs', import.meta.url));
// A fresh process runs cold; the service it is compared with has been warm for minutes.
const WARM_UP_SECONDS = 2;

export async function measureCeilingEndpoint({ connections, durationSeconds, port = 3299 }) {
  // On the services' Node, so the ratio compares the code and not two Node versions.
  const child = spawn(resolveProjectNode().path, [SERVER], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => chunk.toString().includes('listening') && resolve());
      child.once('exit', (code) => reject(new Error(`ceiling server exited with ${code}`)));
    });
    await measureAcceptedRate(`http://127.0.0.1:${port}`, { connections, durationSeconds: WARM_UP_SECONDS });
    return await measureAcceptedRate(`http://127.0.0.1:${port}`, { connections, durationSeconds });
  } finally {
    child.kill('SIGKILL');
  }
}
