import { waitUntil } from '@app/kafka/testing';
import { killAndWait } from './disposable-process';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const STARTED_LINE = 'Kafka Server started';

/**
 * A Kafka broker of the test's own (single node, KRaft), which the test may
 * stop and start again without touching the shared one. Its data survives a
 * stop, as a real broker's disk would.
 */
export class DisposableBroker {
  private child?: ChildProcess;
  private output = '';
  private readonly dataRoot = mkdtempSync(join(tmpdir(), 'e2e-kafka-'));
  private readonly command: { command: string; args: string[] };

  constructor(
    readonly port: number,
    controllerPort = port + 1,
  ) {
    const printed = execFileSync(process.execPath, [
      join(ROOT, 'infra', 'kafka-command.mjs'),
      String(port),
      String(controllerPort),
      this.dataRoot,
    ]);
    this.command = JSON.parse(printed.toString()) as { command: string; args: string[] };
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(this.command.command, this.command.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    await waitUntil(() => this.output.includes(STARTED_LINE) || this.failIfExited(), {
      timeoutMs: 90_000,
      intervalMs: 250,
      description: `Kafka broker on port ${this.port}`,
    });
  }

  /** Kills the broker at once, as a crash or a lost host would. */
  async stop(): Promise<void> {
    await killAndWait(this.child);
  }

  /** Freezes the broker (SIGSTOP): connections stay open and no request is answered, as on a stalled host. */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  /** Lets a frozen broker run again (SIGCONT); the requests sent to it meanwhile are then processed. */
  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  async destroy(): Promise<void> {
    this.thaw();
    await this.stop();
    rmSync(this.dataRoot, { recursive: true, force: true });
  }

  private failIfExited(): false {
    if (this.child && this.child.exitCode !== null) {
      throw new Error(`Kafka broker exited with ${this.child.exitCode}:\n${this.output.slice(-3000)}`);
    }
    return false;
  }
}
