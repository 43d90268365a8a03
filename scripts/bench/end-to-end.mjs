// Stage 2: accepted → stored latency and delivered rate, computed from what client-b stored.
import { deliveryTimes } from './database.mjs';
import { percentile } from './stats.mjs';

/** Waits until client-b has stored everything produced, then reads the latencies. */
export async function measureEndToEnd(connection, lag, { since }) {
  await lag.waitForZero(120_000);
  const times = await deliveryTimes(connection, since);
  const latencies = times.map((t) => t.storedAt - t.acceptedAt).sort((a, b) => a - b);
  const first = Math.min(...times.map((t) => t.acceptedAt));
  const last = Math.max(...times.map((t) => t.storedAt));
  return {
    delivered: times.length,
    deliveredPerSecond: times.length / ((last - first) / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1],
  };
}
