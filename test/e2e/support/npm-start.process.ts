import { waitUntil } from '@app/kafka/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
/** Kept for a failure's message: enough to show why a start failed, bounded over a long spec. */
const KEPT_OUTPUT_CHARS = 20_000;

/**
 * `npm start` with its arguments (`node scripts/start.mjs`, what the npm script runs), as a user runs it,
 * in a process group of its own, so that a stop that fails can still end every instance it started.
 */
export class NpmStartProcess {
  private output = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<number | string | null>;

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), ...args], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-KEPT_OUTPUT_CHARS));
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(code ?? signal)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The end of what it printed, for a failure's message. */
  get logs(): string {
    return this.output;
  }

  /**
   * The pid of the instance it runs on `port` (its child whose environment has that PORT), read
   * from /proc; undefined while none runs there, e.g. between a crash and the restart.
   */
  instancePid(port: number): number | undefined {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // The fields after the command name, which is in parentheses and may hold spaces: state, ppid, ...
        const parentPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (parentPid !== this.child.pid) continue;
        if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`PORT=${port}`)) return Number(entry);
      } catch {
        // Gone while it was read.
      }
    }
    return undefined;
  }

  /** Ctrl-C's path (SIGTERM: it stops its instances first); SIGKILL to the whole group if that takes longer than `timeoutMs`. */
  async stop(timeoutMs = 40_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    try {
      await waitUntil(() => !this.running, { timeoutMs, description: 'npm start to stop' });
    } finally {
      if (this.running) process.kill(-this.child.pid!, 'SIGKILL');
    }
  }
}
