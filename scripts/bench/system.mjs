// The system under measurement: both services on a namespace and database of their own.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startApp, stopApp, waitForHealth } from '../lib/services.mjs';

export class BenchSystem {
  constructor(infra) {
    const id = randomBytes(3).toString('hex');
    this.namespace = `bench-${id}.`;
    this.dbName = `bench_${id}`;
    this.infra = infra;
    this.ports = { 'client-a': 3200, 'client-b': 3201 };
    this.children = {};
    this.peakRss = {};
  }

  env(app) {
    return {
      PORT: String(this.ports[app]),
      KAFKA_BROKERS: this.infra.kafkaBrokers,
      MONGODB_URI: this.infra.mongodbUri,
      MONGODB_DB_NAME: this.dbName,
      KAFKA_TOPIC_NAMESPACE: this.namespace,
      KAFKA_GROUP_ID: `${this.namespace}client-b-group`,
      // Per-message log lines would measure the terminal, not the service.
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
    };
  }

  get topics() {
    return { messages: `${this.namespace}client-messages`, deadLetter: `${this.namespace}client-messages-dlt` };
  }

  async start(app) {
    const child = startApp(app, this.env(app));
    this.children[app] = child;
    await waitForHealth(app, child, this.ports[app]);
    return child;
  }

  /** Peak resident memory (VmHWM) of a running service, in MB; kept across restarts. */
  samplePeakRss(app) {
    const child = this.children[app];
    if (!child || child.exitCode !== null) return this.peakRss[app];
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kilobytes = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    this.peakRss[app] = Math.max(this.peakRss[app] ?? 0, kilobytes / 1024);
    return this.peakRss[app];
  }

  async stop(app) {
    this.samplePeakRss(app);
    await stopApp(this.children[app]);
  }

  async stopAll() {
    for (const app of Object.keys(this.children)) await this.stop(app);
  }
}
