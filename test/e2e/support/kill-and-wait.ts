import { ChildProcess } from 'node:child_process';

/** SIGKILLs a child (a crash or a lost host, for outage tests) and resolves once it is gone. */
export async function killAndWait(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
