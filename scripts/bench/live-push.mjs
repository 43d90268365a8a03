// Stage: how soon a stored message reaches live clients (SSE and Socket.IO), and the
// round trip of a request that waits for its receipt (Prefer: wait).
import { io } from 'socket.io-client';
import { percentile } from './stats.mjs';

/**
 * Opens `count` clients, half SSE and half Socket.IO, on client-b. Each event's latency is
 * its arrival minus the message's `receivedAt` (client-b stamps it as it starts storing the
 * batch, so the figure includes the insert itself).
 */
export async function openPushClients(clientBUrl, count) {
  const latencies = { sse: [], socket: [] };
  const record = (kind, message) => latencies[kind].push(Date.now() - Date.parse(message.receivedAt));
  const aborts = [];
  const sockets = [];
  for (let index = 0; index < count; index += 1) {
    if (index % 2 === 0)
      aborts.push(await openSse(`${clientBUrl}/messages/stream`, (message) => record('sse', message)));
    else sockets.push(await openSocket(`${clientBUrl}/inbox`, (message) => record('socket', message)));
  }
  return {
    reset: () => ((latencies.sse = []), (latencies.socket = [])),
    summary: () => ({ sse: summarise(latencies.sse), socket: summarise(latencies.socket), clients: count }),
    close: () => {
      aborts.forEach((abort) => abort.abort());
      sockets.forEach((socket) => socket.disconnect());
    },
  };
}

/** `requests` sequential sends with Prefer: wait=10 at light load: their round trips. */
export async function measureRequestReply(clientAUrl, requests) {
  const times = [];
  let replied = 0;
  for (let index = 0; index < requests; index += 1) {
    const startedAt = performance.now();
    const response = await fetch(`${clientAUrl}/send-message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'wait=10' },
      body: JSON.stringify({ from: 'bench', to: 'clientB', message: `request/reply #${index}` }),
    });
    await response.arrayBuffer();
    times.push(performance.now() - startedAt);
    if (response.status === 200) replied += 1;
  }
  return { ...summarise(times), requests, replied };
}

function summarise(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    events: sorted.length,
    p50Ms: Math.round(percentile(sorted, 50)),
    p99Ms: Math.round(percentile(sorted, 99)),
  };
}

async function openSse(url, onMessage) {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: abort.signal });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!/^event: message$/m.test(block)) continue;
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n');
        onMessage(JSON.parse(data));
      }
    }
  })().catch(() => undefined);
  return abort;
}

function openSocket(url, onMessage) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'] });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
    socket.on('message', onMessage);
  });
}
