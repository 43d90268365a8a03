import { waitUntil } from '@app/kafka/testing';
import { killAndWait } from './kill-and-wait';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * A database of the test's own (FerretDB, or mongod when installed), which the
 * test may stop and start again without touching the shared one.
 */
export class DisposableDatabase {
  private child?: ChildProcess;
  private readonly dataRoot = mkdtempSync(join(tmpdir(), 'e2e-db-'));
  private readonly command: { command: string; args: string[] };

  constructor(readonly port: number) {
    const printed = execFileSync(process.execPath, [
      join(ROOT, 'infra', 'database-command.mjs'),
      String(port),
      this.dataRoot,
    ]);
    this.command = JSON.parse(printed.toString()) as { command: string; args: string[] };
  }

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}/`;
  }

  async start(): Promise<void> {
    this.child = spawn(this.command.command, this.command.args, { stdio: 'ignore' });
    await waitUntil(() => this.accepts(), { timeoutMs: 30_000, description: `database on port ${this.port}` });
  }

  /** Kills the database at once, as a crash or a lost host would. */
  async stop(): Promise<void> {
    await killAndWait(this.child);
  }

  /** Freezes the database (SIGSTOP): connections stay open and nothing answers, as on a stalled host. */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  /** Lets a frozen database run again (SIGCONT); what was sent to it meanwhile is then processed. */
  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  async destroy(): Promise<void> {
    this.thaw();
    await this.stop();
    rmSync(this.dataRoot, { recursive: true, force: true });
  }

  private accepts(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(this.port, '127.0.0.1')
        .once('connect', () => socket.end(() => resolve(true)))
        .once('error', () => resolve(false));
    });
  }
}
