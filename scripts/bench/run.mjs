// The benchmark itself: every stage measured side by side in one run, then targets as ratios,
// a correctness check (nothing lost, nothing duplicated), JSON and a chart.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { bringUp } from '../../infra/index.mjs';
import { measureAcceptedRate } from './accepted-rate.mjs';
import { measureDrain, produceBacklog } from './backlog-drain.mjs';
import { measureHostileInput } from './hostile-input.mjs';
import { measureCeilingEndpoint } from './ceiling-endpoint.mjs';
import { correctness, openDatabase } from './database.mjs';
import { measureDatabaseCeiling } from './database-ceiling.mjs';
import { measureEndToEnd } from './end-to-end.mjs';
import { measureKafkaCeiling } from './kafka-ceiling.mjs';
import { measureRequestReply, openPushClients } from './live-push.mjs';
import { clearProfiles, profileClockMicros, profileMarkdown, summariseStages } from './cpu-profile.mjs';
import { printReport, RESULTS_DIR, targets, writeResults } from './report.mjs';
import { medianRun } from './stats.mjs';
import { ConsumerLag } from './consumer-lag.mjs';
import { BenchSystem } from './system.mjs';
import { buildIfStale } from '../lib/build.mjs';
import { PROJECT_ROOT } from '../lib/paths.mjs';
import { resolveProjectNode } from '../lib/pinned-node.mjs';

const quick = process.argv.includes('--quick');
const PROFILE_DIR = process.argv.includes('--profile') ? join(PROJECT_ROOT, '.infra', 'profiles') : undefined;
/** With --profile: each stage's window on the profiler's clock, and the service it loads. */
const stages = [];
const PLAN = quick
  ? {
      runs: 1,
      concurrencies: [16, 64],
      seconds: 4,
      backlog: 5_000,
      dbDocuments: 5_000,
      kafkaRecords: 50_000,
      replies: 20,
    }
  : {
      runs: 3,
      concurrencies: [16, 64, 256],
      seconds: 10,
      backlog: 50_000,
      dbDocuments: 50_000,
      kafkaRecords: 300_000,
      replies: 100,
    };
const PUSH_CLIENTS = 50;
const BATCH_SIZE = 4000;
const WARM_UP_SECONDS = 3;
const TOPIC_PARTITIONS = 6; // what the services create by default

/**
 * `npm run bench [-- --quick] [-- --profile]` once its dependencies are installed; sets the exit code from
 * the correctness check. --profile: the services run under V8's profiler, summarised by stage at the end.
 */
export async function runBenchmark() {
  const infra =
    process.env.KAFKA_BROKERS && process.env.MONGODB_URI
      ? { kafkaBrokers: process.env.KAFKA_BROKERS, mongodbUri: process.env.MONGODB_URI, stop: async () => {} }
      : await bringUp();
  if (PROFILE_DIR) clearProfiles(PROFILE_DIR);
  const system = new BenchSystem(infra, { profileDir: PROFILE_DIR });
  const connection = await openDatabase(infra.mongodbUri, system.dbName);
  const lag = new ConsumerLag(system);
  await lag.connect();
  try {
    buildIfStale();
    const results = await measureAll(system, connection, lag, infra);
    const checks = targets(results);
    printReport(results, checks);
    // The drain runs, then one backlog each for the one- and two-instance scale-out drains.
    const check = await correctness(connection, { backlog: PLAN.backlog * (PLAN.runs + 2) });
    // autocannon counts answers received within its duration; requests still in flight at the end are
    // stored too, so the outbox may hold more than it counted, never fewer.
    const ok =
      check.duplicatesInInbox === 0 &&
      check.missing === 0 &&
      check.backlogMissing === 0 &&
      check.outbox >= results.acceptedTotal;
    console.log(
      `\ncorrectness: ${ok ? 'ok' : 'FAILED'} ${JSON.stringify({ ...check, accepted: results.acceptedTotal })}`,
    );
    console.log(`results: ${writeResults({ ...results, correctness: check }, checks)}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await system.stopAll(); // each profile is written as its process exits
    await lag.disconnect();
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
    await infra.stop();
  }
  if (PROFILE_DIR) writeProfileSummary();
}

function writeProfileSummary() {
  const { cpus: cores, cpuModel, node } = machine();
  const page = profileMarkdown(summariseStages(PROFILE_DIR, stages), {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cores} × ${cpuModel}, Node ${node}, ${quick ? 'quick' : 'full'} mode`,
  });
  const file = join(RESULTS_DIR, 'cpu-profile.md');
  writeFileSync(file, page);
  console.log(`profile summary: ${file}`);
}

/** Runs `work` as a stage that loads `services` (their samples in its window are its profile). */
async function stage(name, services, work) {
  const startUs = profileClockMicros();
  const result = await work();
  const endUs = profileClockMicros();
  for (const service of services) stages.push({ name, service, startUs, endUs });
  return result;
}

async function measureAll(system, connection, lag, infra) {
  await system.start('client-a');
  await system.start('client-b');
  const results = { mode: quick ? 'quick' : 'full', machine: machine(), accepted: [], ceiling: [], acceptedTotal: 0 };
  // Not measured: JIT compilation, first connections and client-b's first fetches happen here.
  // Its messages are stored like any other, so the correctness check covers them.
  await measureAcceptedRate(url(system), { connections: PLAN.concurrencies[0], durationSeconds: WARM_UP_SECONDS });
  const clientACpuSeconds = await stage('accepted', ['client-a'], () => measureAccepted(system, results));
  // Everything client-a does for an accepted message: validate, store, publish, and record its receipts.
  results.cpu = { clientAMsPerAccepted: (clientACpuSeconds * 1000) / results.acceptedTotal };
  results.endToEnd = await stage('end-to-end', ['client-a', 'client-b'], () =>
    measureAtSeventyPercent(system, connection, lag, results),
  );
  results.requestReply = await measureRequestReply(url(system), PLAN.replies);
  results.drain = await stage('drain', ['client-b'], () => measureBacklog(system, lag, infra));
  results.cpu.clientBMsPerStored = results.drain.cpuMsPerMessage;
  results.scaleOut = await measureScaleOut(system, lag, infra);
  results.databaseCeiling = medianRun(
    await repeat(() => measureDatabaseCeiling(connection, { documents: PLAN.dbDocuments, batchSize: BATCH_SIZE })),
    'insertsPerSecond',
  );
  results.kafkaCeiling = measureKafkaCeiling(infra.kafkaBrokers, `${system.namespace}producer-perf`, {
    records: PLAN.kafkaRecords,
    recordSize: 200,
  });
  results.hostile = await stage('hostile', ['client-a', 'client-b'], () => measureHostile(system, lag));
  results.acceptedTotal += results.hostile.normal.accepted + results.hostile.hostile.accepted;
  system.samplePeakRss('client-a');
  system.samplePeakRss('client-b');
  results.peakRssMb = { ...system.peakRss };
  return results;
}

/** The accepted rate at each concurrency, with the bare endpoint's beside it; returns client-a's CPU seconds in its runs. */
async function measureAccepted(system, results) {
  let cpuSeconds = 0;
  for (const connections of PLAN.concurrencies) {
    const cpuBefore = system.cpuSeconds('client-a');
    const runs = await repeat(() => measureAcceptedRate(url(system), { connections, durationSeconds: PLAN.seconds }));
    cpuSeconds += system.cpuSeconds('client-a') - cpuBefore;
    runs.forEach((run) => (results.acceptedTotal += run.accepted));
    results.accepted.push(medianRun(runs, 'requestsPerSecond'));
    system.samplePeakRss('client-a');
    system.samplePeakRss('client-b');
    results.ceiling.push(
      medianRun(
        await repeat(() => measureCeilingEndpoint({ connections, durationSeconds: PLAN.seconds })),
        'requestsPerSecond',
      ),
    );
  }
  return cpuSeconds;
}

// Last: what hostile records do to client-b must not slow the stages above. One client-b owns
// every partition, so its event loop is the one the records reach.
async function measureHostile(system, lag) {
  await system.stop('client-b#2');
  // Gone for good: stopAll at the end must not read a process that no longer exists.
  delete system.children['client-b#2'];
  await lag.waitForZero(120_000);
  const hostile = await measureHostileInput(system, { seconds: PLAN.seconds });
  // Every normal message stored and every hostile record dead-lettered: how long that took after the window.
  const startedAt = Date.now();
  await lag.waitForZero(120_000);
  const lagLeft = await lag.lag();
  return { ...hostile, caughtUpSeconds: lagLeft === 0 ? (Date.now() - startedAt) / 1000 : null, lagLeft };
}

// A fixed offered load at 70 % of the best accepted rate, to read latency below saturation.
async function measureAtSeventyPercent(system, connection, lag, results) {
  const best = Math.max(...results.accepted.map((run) => run.requestsPerSecond));
  const offeredPerSecond = Math.round(best * 0.7);
  await lag.waitForZero(120_000);
  const push = await openPushClients(`http://127.0.0.1:${system.ports['client-b']}`, PUSH_CLIENTS);
  try {
    const since = new Date();
    const run = await measureAcceptedRate(url(system), {
      connections: 16,
      durationSeconds: PLAN.seconds,
      overallRate: offeredPerSecond,
    });
    results.acceptedTotal += run.accepted;
    const e2e = await measureEndToEnd(connection, lag, { since });
    return { ...e2e, offeredPerSecond, acceptedPerSecond: run.requestsPerSecond, push: push.summary() };
  } finally {
    push.close();
  }
}

async function measureBacklog(system, lag, infra) {
  const runs = [];
  for (let run = 0; run < PLAN.runs; run += 1) {
    await system.stop('client-b');
    await produceBacklog(infra.kafkaBrokers, system.topics.messages, PLAN.backlog);
    runs.push(await measureDrain(system, lag, { count: PLAN.backlog }));
  }
  return medianRun(runs, 'messagesPerSecond');
}

// The same backlog spread over every partition, drained by one client-b and then by two.
async function measureScaleOut(system, lag, infra) {
  const drains = [];
  for (const instances of [['client-b'], ['client-b', 'client-b#2']]) {
    for (const name of Object.keys(system.children).filter((n) => n.startsWith('client-b'))) await system.stop(name);
    await produceBacklog(infra.kafkaBrokers, system.topics.messages, PLAN.backlog, { spreadOver: TOPIC_PARTITIONS });
    drains.push(await measureDrain(system, lag, { count: PLAN.backlog, instances }));
  }
  return {
    partitions: TOPIC_PARTITIONS,
    oneInstance: drains[0],
    twoInstances: drains[1],
    speedUp: drains[1].messagesPerSecond / drains[0].messagesPerSecond,
  };
}

async function repeat(measure) {
  const runs = [];
  for (let run = 0; run < PLAN.runs; run += 1) runs.push(await measure());
  return runs;
}

const url = (system) => `http://127.0.0.1:${system.ports['client-a']}`;
// The Node the services ran on, not this script's: they are what was measured.
const machine = () => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: resolveProjectNode().version,
});
