// How many instances of each service `npm start` runs, and on which ports.

const MAX_INSTANCES = 10;

/** `--instances=N` (or `--instances N`) from the command line; 1 without it. */
export function parseInstances(args) {
  const index = args.findIndex((arg) => arg === '--instances' || arg.startsWith('--instances='));
  if (index === -1) return 1;
  const raw = args[index].includes('=') ? args[index].split('=')[1] : args[index + 1];
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > MAX_INSTANCES) {
    throw new Error(`--instances must be a whole number from 1 to ${MAX_INSTANCES}, got "${raw}"`);
  }
  return count;
}

/**
 * client-a on CLIENT_A_PORT, +2, +4, ...; client-b on CLIENT_B_PORT, +2, +4, ...
 * (3000, 3002, ... and 3001, 3003, ... by default), so the two never collide.
 */
export function instancePlan(count, clientAPort, clientBPort) {
  const plan = [];
  for (let i = 0; i < count; i += 1) {
    const suffix = count > 1 ? ` #${i + 1}` : '';
    plan.push({ app: 'client-a', name: `client-a${suffix}`, port: clientAPort + 2 * i, portVariable: 'CLIENT_A_PORT' });
    plan.push({ app: 'client-b', name: `client-b${suffix}`, port: clientBPort + 2 * i, portVariable: 'CLIENT_B_PORT' });
  }
  return plan;
}
