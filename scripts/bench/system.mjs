// The system under measurement: both services on a namespace and database of their own.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startApp, stopApp, waitForHealth } from '../lib/services.mjs';
import { profilingNodeOptions } from './cpu-profile.mjs';

// The kernel counts a process's CPU time in clock ticks (/proc/<pid>/stat).
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** `client-b#2` is a second instance of client-b: same group, its own port. */
const appOf = (name) => name.split('#')[0];

export class BenchSystem {
  /** `profileDir`: each service process writes its CPU profile there when it stops. */
  constructor(infra, { profileDir } = {}) {
    this.profileDir = profileDir;
    const id = randomBytes(3).toString('hex');
    this.namespace = `bench-${id}.`;
    this.dbName = `bench_${id}`;
    this.infra = infra;
    this.ports = { 'client-a': 3200, 'client-b': 3201, 'client-b#2': 3203 };
    this.children = {};
    this.peakRss = {};
  }

  env(name) {
    return {
      PORT: String(this.ports[name]),
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

  async start(name) {
    const nodeOptions = this.profileDir ? profilingNodeOptions(this.profileDir, appOf(name)) : [];
    const child = startApp(appOf(name), this.env(name), name, { nodeOptions });
    this.children[name] = child;
    await waitForHealth(name, child, this.ports[name]);
    return child;
  }

  /** CPU time (user + system) a running service has used so far, in seconds. */
  cpuSeconds(name) {
    const stat = readFileSync(`/proc/${this.children[name].pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  }

  /** Peak resident memory (VmHWM) of a running service, in MB; kept across restarts. */
  samplePeakRss(name) {
    const app = appOf(name);
    const child = this.children[name];
    if (!child || child.exitCode !== null) return this.peakRss[app];
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kilobytes = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    this.peakRss[app] = Math.max(this.peakRss[app] ?? 0, kilobytes / 1024);
    return this.peakRss[app];
  }

  async stop(name) {
    this.samplePeakRss(name);
    await stopApp(this.children[name]);
  }

  async stopAll() {
    for (const app of Object.keys(this.children)) await this.stop(app);
  }
}
