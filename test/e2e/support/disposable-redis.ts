import { waitUntil } from '@app/kafka/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { AddressInfo, createServer } from 'node:net';
import { acceptsConnections, isRunning, killAndWait } from './disposable-process';

/**
 * A Redis of the test's own (Debian's redis-server, no persistence), on a
 * port nothing listens on until the test starts it; the test may kill it and
 * start it again without touching the shared one.
 */
export class DisposableRedis {
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  /** A Redis to be, on a port free now (nothing listens there until `start`). */
  static async onFreePort(): Promise<DisposableRedis> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return new DisposableRedis(port);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts Redis unless it runs already: a second one could not bind the port and would orphan the first. */
  async start(): Promise<void> {
    if (isRunning(this.child)) return;
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await waitUntil(() => acceptsConnections(this.port), {
      timeoutMs: 15_000,
      description: `Redis on port ${this.port}`,
    });
  }

  /** Kills Redis at once, as a crash or a lost host would. */
  async stop(): Promise<void> {
    await killAndWait(this.child);
  }
}
