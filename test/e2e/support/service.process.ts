import { waitUntil } from '@app/kafka/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, serviceNodeOptions } from './deployment-files';

// The services run as they do everywhere else: with package.json's config.serviceNodeOptions.
const NODE_OPTIONS = serviceNodeOptions();

export type AppName = 'client-a' | 'client-b';

/** One JSON log line of a service (pino's: `level`, `time`, `msg`, `context` and the line's own fields). */
export type LogEntry = Record<string, unknown> & { level: string; msg?: string; context?: string };

/** One built service running as a child process, with its output kept for assertions. */
export class ServiceProcess {
  private output = '';
  private stopRequested = false;
  private readonly child: ChildProcess;
  private readonly port: string;
  /** The exit code, or the signal's name when a signal ended the process. */
  readonly exited: Promise<number | string | null>;

  constructor(
    readonly app: AppName,
    env: Record<string, string>,
  ) {
    this.port = env.PORT ?? '3000';
    const entry = join(ROOT, 'dist', 'apps', app, 'apps', app, 'src', 'main.js');
    this.child = spawn(process.execPath, [...NODE_OPTIONS, entry], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(code ?? signal)));
  }

  /**
   * The most memory the process has had resident so far (the kernel's VmHWM),
   * in bytes; undefined once it has exited.
   */
  peakRssBytes(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kilobytes = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
      return kilobytes === undefined ? undefined : Number(kilobytes) * 1024;
    } catch {
      return undefined;
    }
  }

  /** Freezes the process (SIGSTOP), as a stalled host or a debugger would: its sockets stay open. */
  freeze(): void {
    this.child.kill('SIGSTOP');
  }

  /** Lets a frozen process run again (SIGCONT). */
  thaw(): void {
    this.child.kill('SIGCONT');
  }

  get logs(): string {
    return this.output;
  }

  /** Every line of output, the last one only once it is complete. */
  lines(): string[] {
    const lines = this.output.split('\n');
    lines.pop();
    return lines;
  }

  /** The lines that are JSON log entries, parsed; others (Node's own crash output) are left out. */
  entries(): LogEntry[] {
    return this.lines().flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as LogEntry];
      } catch {
        return [];
      }
    });
  }

  /** How many log lines say `text`: in the message of a JSON line, anywhere in any other line. */
  countLines(text: string | RegExp): number {
    const matches = (line: string) => (typeof text === 'string' ? line.includes(text) : text.test(line));
    // Parsing every line on every poll is costly on long outputs: a line that cannot match is skipped first.
    const escaped = typeof text === 'string' ? JSON.stringify(text).slice(1, -1) : '';
    const mayMatch = (line: string) => typeof text !== 'string' || line.includes(text) || line.includes(escaped);
    return this.lines().filter((line) => mayMatch(line) && matches(messageOf(line))).length;
  }

  async waitForLog(text: string | RegExp, timeoutMs = 30_000, times = 1): Promise<void> {
    await waitUntil(() => this.countLines(text) >= times || this.failIfExited(), {
      timeoutMs,
      description: `${this.app} to log ${String(text)} ${times}x`,
    });
  }

  /** Waits until GET /health answers 200 (log lines may be silenced by LOG_LEVEL). */
  async waitUntilListening(timeoutMs = 60_000): Promise<void> {
    const healthy = () =>
      fetch(`http://127.0.0.1:${this.port}/health`).then(
        (response) => response.ok,
        () => false,
      );
    await waitUntil(async () => (await healthy()) || this.failIfExited(), {
      timeoutMs,
      description: `${this.app} to answer GET /health`,
    });
  }

  /** Sends `signal` and resolves with the exit code once the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string | null> {
    this.stopRequested = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

  /**
   * Why the process ended when nobody asked it to (a crash), with its last
   * output; undefined while it runs or after a requested stop.
   */
  crash(): string | undefined {
    if (this.stopRequested) return undefined;
    const ending = this.child.exitCode ?? this.child.signalCode;
    if (ending === null) return undefined;
    return `${this.app} exited unexpectedly with ${ending}:\n${this.output.slice(-3000)}`;
  }

  private failIfExited(): false {
    if (this.child.exitCode !== null) {
      throw new Error(`${this.app} exited with ${this.child.exitCode}:\n${this.output.slice(-3000)}`);
    }
    return false;
  }
}

function messageOf(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const { msg } = JSON.parse(line) as { msg?: unknown };
    return typeof msg === 'string' ? msg : line;
  } catch {
    return line;
  }
}
