// Stage: how long each service's event loop waits (its own monitorEventLoopDelay, read from
// prom-client's default metrics on /metrics) while long-header HTTP requests and long-header
// Kafka records arrive at a steady rate next to normal traffic; first a window of normal
// traffic alone, for comparison. Tooling, not service code: it talks to the broker with kafkajs.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { measureAcceptedRate } from './accepted-rate.mjs';

/** As long as a header can be under Node's 16 KiB limit on a request's head, with the rest. */
const LONG_HEADER_CHARS = 15_000;
const HTTP_REQUESTS_PER_SECOND = 20;
const RECORDS_PER_SECOND = 4;
/** `message-id` header sizes of the hostile records, in turn: 16 KB to 200 KB. */
const RECORD_HEADER_BYTES = [16_000, 64_000, 200_000];
/** Normal traffic: POST /send-message at this fixed rate. */
const NORMAL_PER_SECOND = 100;
const SCRAPE_TIMEOUT_MS = 30_000;
const LOOP_DELAY = /^client_messaging_nodejs_eventloop_lag_(p99|max)_seconds\{[^}]*\} (\S+)$/gm;

const letters = (length) => 'abcdefghijklmnopqrstuvwxyz'.repeat(Math.ceil(length / 26)).slice(0, length);
const LONG_HEADERS = { 'user-agent': letters(LONG_HEADER_CHARS), referer: 'http://x/' };

/**
 * Two windows of `seconds` each: normal traffic alone, then with hostile input. Returns
 * each window's event-loop delay (p99 and max, in ms) per service, the normal traffic's
 * accepted rate and latency, and what hostile input was sent.
 */
export async function measureHostileInput(system, { seconds }) {
  const normal = await measureWindow(system, seconds, false);
  const hostile = await measureWindow(system, seconds, true);
  return { seconds, normal, hostile };
}

async function measureWindow(system, seconds, withHostileInput) {
  // A scrape resets the histograms: what the next one reads is this window's.
  await loopDelays(system);
  const senders = withHostileInput ? [sendLongHeaderRequests(system), produceLongHeaderRecords(system)] : [];
  const traffic = await measureAcceptedRate(urlOf(system, 'client-a'), {
    connections: 8,
    durationSeconds: seconds,
    overallRate: NORMAL_PER_SECOND,
  });
  const sent = await Promise.all(senders.map((sender) => sender.stop()));
  return {
    eventLoop: await loopDelays(system),
    accepted: traffic.accepted,
    acceptedPerSecond: traffic.requestsPerSecond,
    acceptedP99Ms: traffic.p99Ms,
    errors: traffic.errors,
    ...(withHostileInput ? { longHeaderRequests: sent[0], longHeaderRecords: sent[1] } : {}),
  };
}

/** Each service's event-loop delay since the last scrape, in ms; null when /metrics did not answer in time. */
async function loopDelays(system) {
  const scrape = async (app) => {
    try {
      const text = await fetch(`${urlOf(system, app)}/metrics`, {
        signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS),
      }).then((r) => r.text());
      const values = Object.fromEntries(
        [...text.matchAll(LOOP_DELAY)].map(([, stat, value]) => [stat, Number(value) * 1000]),
      );
      return { p99Ms: values.p99 ?? null, maxMs: values.max ?? null };
    } catch {
      return { p99Ms: null, maxMs: null };
    }
  };
  const [clientA, clientB] = await Promise.all([scrape('client-a'), scrape('client-b')]);
  return { 'client-a': clientA, 'client-b': clientB };
}

/** GETs with 15 KB headers, to known and unknown paths of both services, at a steady rate. */
function sendLongHeaderRequests(system) {
  const paths = [
    [urlOf(system, 'client-a'), '/no-such-path'],
    [urlOf(system, 'client-a'), `/messages/${randomUUID()}`],
    [urlOf(system, 'client-b'), '/no-such-path'],
    [urlOf(system, 'client-b'), '/inbox.css'],
  ];
  const statuses = {};
  let sent = 0;
  const pending = new Set();
  const timer = setInterval(() => {
    const [base, path] = paths[sent % paths.length];
    sent += 1;
    const request = fetch(`${base}${path}?n=${sent}`, {
      headers: LONG_HEADERS,
      signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        return String(response.status);
      })
      .catch(() => 'no answer')
      .then((status) => (statuses[status] = (statuses[status] ?? 0) + 1));
    pending.add(request);
    void request.finally(() => pending.delete(request));
  }, 1000 / HTTP_REQUESTS_PER_SECOND);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(pending);
      return { sent, perSecond: HTTP_REQUESTS_PER_SECOND, headerChars: LONG_HEADER_CHARS, statuses };
    },
  };
}

/**
 * Records for clientB on client-messages that client-b must dead-letter (not JSON, or JSON
 * of another shape), each with a `message-id` header of 16 KB to 200 KB, every other one
 * holding `://`. None is stored, so the correctness check's counts are not touched.
 */
function produceLongHeaderRecords(system) {
  const kafka = new Kafka({
    clientId: 'bench-hostile',
    brokers: system.infra.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer();
  const connected = producer.connect();
  let produced = 0;
  let failed = 0;
  let next = 0;
  const pending = new Set();
  const timer = setInterval(() => {
    const index = next++;
    const size = RECORD_HEADER_BYTES[index % RECORD_HEADER_BYTES.length];
    const messageId = index % 2 === 0 ? `http://x/${letters(size - 9)}` : letters(size);
    const value = index % 2 === 0 ? `not json ${index}` : JSON.stringify({ id: index, kind: 'other schema' });
    const send = connected
      .then(() =>
        producer.send({
          topic: system.topics.messages,
          acks: -1,
          messages: [{ key: 'clientB', value, headers: { 'message-id': messageId } }],
        }),
      )
      .then(
        () => (produced += 1),
        () => (failed += 1),
      );
    pending.add(send);
    void send.finally(() => pending.delete(send));
  }, 1000 / RECORDS_PER_SECOND);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(pending);
      await producer.disconnect();
      return { produced, failed, perSecond: RECORDS_PER_SECOND, headerBytes: RECORD_HEADER_BYTES };
    },
  };
}

const urlOf = (system, app) => `http://127.0.0.1:${system.ports[app]}`;
