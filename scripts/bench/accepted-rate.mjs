// Stage 1: accepted rate of POST /send-message at several concurrencies, client-b draining meanwhile.
import autocannon from 'autocannon';
import { cpus } from 'node:os';

const BODY = JSON.stringify({ from: 'clientA', to: 'clientB', message: 'benchmark message' });

/** One autocannon run; also reports the share of the two cores the load generator used itself. */
export async function measureAcceptedRate(url, { connections, durationSeconds, overallRate, path = '/send-message' }) {
  const cpuBefore = process.cpuUsage();
  const startedAt = process.hrtime.bigint();
  const result = await autocannon({
    url: `${url}${path}`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections,
    duration: durationSeconds,
    ...(overallRate ? { overallRate } : {}),
  });
  const wallMicros = Number(process.hrtime.bigint() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const accepted = result['2xx'] ?? 0;
  return {
    connections,
    requestsPerSecond: accepted / durationSeconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    accepted,
    errors: result.errors + result.timeouts + (result.non2xx ?? 0),
    loadGeneratorCpuShare: (cpu.user + cpu.system) / wallMicros / cpus().length,
  };
}
