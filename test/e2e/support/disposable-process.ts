import { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

/** Whether a child the test started is still alive (not exited, not killed). */
export function isRunning(child: ChildProcess | undefined): child is ChildProcess {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

/** SIGKILLs a child (a crash or a lost host, for outage tests) and resolves once it is gone. */
export async function killAndWait(child: ChildProcess | undefined): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Whether a server answers TCP connections on 127.0.0.1:port. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
      .once('connect', () => socket.end(() => resolve(true)))
      .once('error', () => resolve(false));
  });
}
