// Prints the results as a table, checks the target ratios, and writes JSON and an SVG chart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../lib/paths.mjs';
import { round } from './stats.mjs';

export const RESULTS_DIR = join(PROJECT_ROOT, 'bench-results');

export function targets(results) {
  const checks = [];
  for (const run of results.accepted) {
    const ceiling = results.ceiling.find((c) => c.connections === run.connections);
    if (ceiling)
      checks.push(
        ratio(
          `accepted rate c=${run.connections} / bare endpoint`,
          run.requestsPerSecond / ceiling.requestsPerSecond,
          0.6,
        ),
      );
    checks.push({
      name: `accepted p99 c=${run.connections} (ms)`,
      value: run.p99Ms,
      target: '≤ 50',
      met: run.p99Ms <= 50,
    });
  }
  const e2e = results.endToEnd;
  checks.push(ratio('delivered rate / accepted rate at 70 %', e2e.deliveredPerSecond / e2e.acceptedPerSecond, 0.95));
  checks.push({ name: 'end-to-end p99 at 70 % (ms)', value: e2e.p99Ms, target: '≤ 150', met: e2e.p99Ms <= 150 });
  for (const kind of ['sse', 'socket']) {
    const push = e2e.push[kind];
    checks.push({
      name: `stored → ${kind} event p99 at 70 %, ${e2e.push.clients} clients (ms)`,
      value: push.p99Ms,
      target: '≤ 100',
      met: push.p99Ms <= 100,
    });
  }
  const reply = results.requestReply;
  checks.push({
    name: 'Prefer: wait round trip p99 (ms)',
    value: reply.p99Ms,
    target: '≤ 150',
    met: reply.p99Ms <= 150 && reply.replied === reply.requests,
  });
  checks.push(
    ratio(
      'backlog drain / raw bulk insert',
      results.drain.messagesPerSecond / results.databaseCeiling.insertsPerSecond,
      0.5,
    ),
  );
  for (const [app, delay] of Object.entries(results.hostile.hostile.eventLoop)) {
    checks.push({
      name: `${app} event-loop delay p99 under hostile input (ms)`,
      value: delay.p99Ms === null ? null : round(delay.p99Ms, 1),
      target: '≤ 20',
      met: delay.p99Ms !== null && delay.p99Ms <= 20,
    });
  }
  for (const [app, mb] of Object.entries(results.peakRssMb))
    checks.push({ name: `${app} peak RSS (MB)`, value: round(mb), target: '≤ 200', met: mb <= 200 });
  return checks;
}

function ratio(name, value, minimum) {
  return { name, value: round(value, 2), target: `≥ ${minimum}`, met: value >= minimum };
}

export function printReport(results, checks) {
  console.log('\nAccepted rate (POST /send-message, client-b draining) vs the bare endpoint');
  console.table(
    results.accepted.map((run) => {
      const ceiling = results.ceiling.find((c) => c.connections === run.connections) ?? {};
      return {
        connections: run.connections,
        'req/s': round(run.requestsPerSecond),
        'p50 ms': run.p50Ms,
        'p99 ms': run.p99Ms,
        errors: run.errors,
        'bare req/s': round(ceiling.requestsPerSecond ?? NaN),
        'load gen CPU': `${round(run.loadGeneratorCpuShare * 100)} %`,
      };
    }),
  );
  const { endToEnd: e2e, drain, databaseCeiling: db, kafkaCeiling: kafka } = results;
  console.log('Stages');
  console.table({
    'end-to-end at 70 %': {
      'rate /s': round(e2e.deliveredPerSecond),
      'p50 ms': e2e.p50Ms,
      'p99 ms': e2e.p99Ms,
      'max ms': e2e.maxMs,
    },
    'push: stored → SSE event': {
      'p50 ms': e2e.push.sse.p50Ms,
      'p99 ms': e2e.push.sse.p99Ms,
      messages: e2e.push.sse.events,
    },
    'push: stored → Socket.IO event': {
      'p50 ms': e2e.push.socket.p50Ms,
      'p99 ms': e2e.push.socket.p99Ms,
      messages: e2e.push.socket.events,
    },
    'request/reply (Prefer: wait)': {
      'p50 ms': results.requestReply.p50Ms,
      'p99 ms': results.requestReply.p99Ms,
      messages: results.requestReply.requests,
    },
    'backlog drain': {
      'rate /s': round(drain.messagesPerSecond),
      messages: drain.messages,
      seconds: round(drain.seconds, 1),
    },
    'raw bulk insert': { 'rate /s': round(db.insertsPerSecond), 'batch size': db.batchSize },
    'kafka producer perf': {
      'rate /s': round(kafka.recordsPerSecond ?? NaN),
      'p50 ms': kafka.p50Ms,
      'p99 ms': kafka.p99Ms,
    },
  });
  const { cpu, scaleOut } = results;
  console.log("CPU per message (the processes' own counters) and scale-out");
  console.table({
    'client-a CPU per accepted message': { value: `${round(cpu.clientAMsPerAccepted, 2)} ms` },
    'client-b CPU per stored message (drain)': { value: `${round(cpu.clientBMsPerStored, 2)} ms` },
    [`drain, 1 client-b, ${scaleOut.partitions} partitions`]: {
      value: `${round(scaleOut.oneInstance.messagesPerSecond)} msg/s`,
    },
    [`drain, 2 client-b, ${scaleOut.partitions} partitions`]: {
      value: `${round(scaleOut.twoInstances.messagesPerSecond)} msg/s`,
    },
    'speed-up of the second instance': { value: `${round(scaleOut.speedUp, 2)}×` },
  });
  const { hostile } = results;
  console.log(
    `Hostile input: event-loop delay (each service's monitorEventLoopDelay), ${hostile.seconds} s per window, normal traffic ${round(hostile.normal.acceptedPerSecond)} msg/s`,
  );
  const window = (label, { eventLoop, acceptedP99Ms }) =>
    Object.fromEntries(
      Object.entries(eventLoop).map(([app, delay]) => [
        `${label}: ${app}`,
        {
          'loop p99 ms': delay.p99Ms === null ? 'no answer' : round(delay.p99Ms, 1),
          'loop max ms': delay.maxMs === null ? 'no answer' : round(delay.maxMs, 1),
          'send p99 ms': acceptedP99Ms,
        },
      ]),
    );
  console.table({ ...window('normal traffic only', hostile.normal), ...window('with hostile input', hostile.hostile) });
  const { longHeaderRequests: requests, longHeaderRecords: records } = hostile.hostile;
  console.log(
    `  hostile input: ${requests.sent} requests with ${requests.headerChars}-character headers (${JSON.stringify(requests.statuses)}), ` +
      `${records.produced} records with 16–200 KB message-id headers (${records.failed} not produced); ` +
      (hostile.caughtUpSeconds === null
        ? `client-b still ${hostile.lagLeft} behind 120 s after the window`
        : `client-b caught up ${round(hostile.caughtUpSeconds, 1)} s after the window`),
  );
  console.log('Targets (ratios within this run)');
  console.table(checks.map((c) => ({ target: c.name, value: c.value, wanted: c.target, met: c.met ? 'yes' : 'NO' })));
}

export function writeResults(results, checks) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = JSON.stringify({ ...results, checks }, null, 2);
  writeFileSync(join(RESULTS_DIR, `bench-${stamp}.json`), json);
  writeFileSync(join(RESULTS_DIR, 'latest.json'), json);
  writeFileSync(join(RESULTS_DIR, 'latest.svg'), chart(results));
  return RESULTS_DIR;
}

// Every rate of the run next to its ceiling (grey), on a log scale so that 500 and 40,000 both read.
function chart(results) {
  const bars = [
    ...results.accepted.flatMap((run, index) => [
      [`accepted c=${run.connections}`, run.requestsPerSecond, MEASURED],
      [`bare endpoint c=${run.connections}`, results.ceiling[index]?.requestsPerSecond, CEILING],
    ]),
    ['end-to-end delivered', results.endToEnd.deliveredPerSecond, MEASURED],
    ['backlog drain', results.drain.messagesPerSecond, MEASURED],
    ['raw bulk insert', results.databaseCeiling.insertsPerSecond, CEILING],
    ['kafka producer perf', results.kafkaCeiling.recordsPerSecond ?? 0, CEILING],
  ];
  const top = Math.log10(Math.max(10, ...bars.map(([, value]) => value || 0)));
  const rows = bars.map(([label, value, colour], index) => {
    const y = 30 + index * 28;
    const width = Math.max(1, (Math.log10(Math.max(1, value || 0)) / top) * 440);
    return `<text x="10" y="${y + 15}" font-size="12">${label}</text><rect x="190" y="${y}" width="${width}" height="20" fill="${colour}"/><text x="${196 + width}" y="${y + 15}" font-size="12">${round(value || 0)} /s</text>`;
  });
  const height = 40 + bars.length * 28;
  const title = `npm run bench (${results.mode}): rates per second, log scale; grey = ceiling measured in the same run`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="${height}" font-family="sans-serif"><rect width="100%" height="100%" fill="white"/><text x="10" y="18" font-size="14">${title}</text>${rows.join('')}</svg>\n`;
}

const MEASURED = '#4a7bd0';
const CEILING = '#9aa0a6';
