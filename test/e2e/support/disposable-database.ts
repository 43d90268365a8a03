import { waitUntil } from '@app/kafka/testing';
import { acceptsConnections, isRunning, killAndWait } from './disposable-process';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

  /**
   * Starts the database, unless it runs already. A second server would fail to bind the port and exit
   * while the first one kept answering, out of the test's reach; a server on the port that is not ours
   * (one left by an earlier, killed run) is refused for the same reason.
   */
  async start(): Promise<void> {
    if (isRunning(this.child)) return;
    if (await acceptsConnections(this.port)) {
      throw new Error(`port ${this.port} is taken by another server: a database left by an earlier run?`);
    }
    this.child = spawn(this.command.command, this.command.args, { stdio: 'ignore' });
    await waitUntil(() => acceptsConnections(this.port), {
      timeoutMs: 30_000,
      description: `database on port ${this.port}`,
    });
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
}
