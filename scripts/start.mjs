// `npm start [-- --instances=N]`: dependencies, infrastructure, build, then the services until Ctrl-C.
// `npm run start:dev` (--watch): the same with one instance of each, each under `nest start --watch`,
// which rebuilds it and restarts it when apps/ or libs/ change.
import { bringUp } from '../infra/index.mjs';
import { buildIfStale } from './lib/build.mjs';
import { ensureDependencies } from './lib/ensure-dependencies.mjs';
import { instancePlan, parseInstances } from './lib/instances.mjs';
import { InstanceSupervisor, RESTART_POLICY } from './lib/instance-supervisor.cjs';
import { assertPortFree, startApp, stopApp, waitForHealth } from './lib/services.mjs';
import { stepTimer } from './lib/step-timer.mjs';

const startedAt = Date.now();
const step = stepTimer();
const watch = process.argv.includes('--watch');
// A watched service answers only after its first full compile (both compile at once).
const HEALTH_TIMEOUT_MS = watch ? 300_000 : 60_000;

async function main() {
  const count = parseInstances(process.argv.slice(2));
  // Two watchers of one app would compile into the same dist/ folder at once.
  if (watch && count > 1) throw new Error('--watch runs one instance of each service; leave out --instances');
  const plan = instancePlan(
    count,
    Number(process.env.CLIENT_A_PORT ?? 3000),
    Number(process.env.CLIENT_B_PORT ?? 3001),
  );
  for (const { port, portVariable } of plan) await assertPortFree(port, portVariable);
  await step('dependencies', () => ensureDependencies());
  // Several instances need Redis for what one alone cannot know (live push, rate limits).
  const infra = await step('infrastructure', () => bringUp({ redis: count > 1 }));
  const env = {
    KAFKA_BROKERS: infra.kafkaBrokers,
    MONGODB_URI: infra.mongodbUri,
    ...(infra.redisUrl ? { REDIS_URL: infra.redisUrl } : {}),
    // A terminal reads pino-pretty's lines better than JSON; a LOG_FORMAT of the user's wins.
    ...(process.env.LOG_FORMAT ? {} : { LOG_FORMAT: 'pretty' }),
  };
  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('stopping the services and the infrastructure...');
    // Not map(stopApp): map would pass the index as the grace period, a SIGKILL at once
    // that leaves the consumers in their groups until their sessions time out.
    await Promise.all(supervisor.stop().map(({ child }) => stopApp(child)));
    await infra.stop();
    process.exit(code);
  };
  const supervisor = new InstanceSupervisor({
    instances: plan,
    // With one instance of each, any exit stops everything (see InstanceSupervisor); several are
    // there to show what a platform does with a dead one: the others carry on while it restarts.
    restart: count > 1,
    spawn: (instance, onExit, { downSince }) => spawnInstance(instance, env, onExit, downSince),
    report: (text) => console.error(`npm start: ${text}`),
    stopEverything: (cause, code) => {
      console.error(`npm start: ${cause}`);
      void shutdown(code);
    },
  });
  // Replaces the handlers bringUp installed: the apps must stop before the broker does.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => shutdown(130));
  process.on('SIGTERM', () => shutdown(143));
  try {
    if (!watch) await step('build', () => buildIfStale());
    supervisor.start();
    // The port, not a process: an instance that exits while starting is the supervisor's to restart or to stop everything for.
    await step('services answering', () =>
      Promise.all(plan.map(({ name, port }) => waitForHealth(name, undefined, port, HEALTH_TIMEOUT_MS))),
    );
  } catch (error) {
    console.error(`npm start: ${error.message}`);
    return shutdown(1);
  }
  printReady(plan, infra.redisUrl);
}

// One start of an instance; a restarted one says when it answers again, so the terminal shows it is back.
function spawnInstance(instance, env, onExit, downSince) {
  const child = startApp(instance.app, { ...env, PORT: String(instance.port) }, instance.name, { watch });
  child.once('exit', (code, signal) => onExit({ code, signal }));
  if (downSince !== undefined) {
    waitForHealth(instance.name, child, instance.port).then(
      () =>
        console.log(
          `npm start: ${instance.name} is back on port ${instance.port}, ${((Date.now() - downSince) / 1000).toFixed(1)} s after it exited`,
        ),
      // It exited again while starting, which the supervisor reports, or it never answered (its output says why).
      () => undefined,
    );
  }
  return { child, lastLines: () => child.lastLines };
}

function printReady(plan, redisUrl) {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  const [firstA, firstB] = [plan.find(({ app }) => app === 'client-a'), plan.find(({ app }) => app === 'client-b')];
  const line = ({ name, port, app }) =>
    app === 'client-a'
      ? `  ${name.padEnd(11)} http://localhost:${port}   POST /send-message (Prefer: wait=N), GET /messages/:id`
      : `  ${name.padEnd(11)} http://localhost:${port}   GET /messages, GET /messages/stream (SSE), Socket.IO /inbox, GET /dead-letters`;
  console.log(`
Ready in ${seconds} s.
${plan.map(line).join('\n')}${redisUrl ? `\n  Redis       ${redisUrl} (live push and rate limits shared by the instances)` : ''}

  The live inbox page:   http://localhost:${firstB.port}/${inboxPageFragment()}
  The operator page:     http://localhost:${firstB.port}/operator (needs ADMIN_TOKEN on client-b)
  API documentation:     http://localhost:${firstA.port}/docs and http://localhost:${firstB.port}/docs
  Metrics (Prometheus):  http://localhost:${firstA.port}/metrics and http://localhost:${firstB.port}/metrics
  Health:                /health/live and /health/ready on every service
${plan.length > 2 ? restartNote() : ''}
Try it:
  curl -X POST http://localhost:${firstA.port}/send-message -H "Content-Type: application/json" \\
    -d '{"from":"clientA","to":"clientB","message":"Test success"}'
  curl -X POST http://localhost:${firstA.port}/send-message -H "Content-Type: application/json" -H "Prefer: wait=10" \\
    -d '{"from":"clientA","to":"clientB","message":"Reply when delivered"}'

${watch ? 'A change saved under apps/ or libs/ rebuilds and restarts the service it belongs to.\n' : ''}Ctrl-C stops everything.`);
}

function restartNote() {
  const { firstDelayMs, maxDelayMs, crashLoopExits, crashLoopWindowMs } = RESTART_POLICY;
  return `
  An instance that exits is started again after ${firstDelayMs / 1000} s, doubling to ${maxDelayMs / 1000} s, while the others
  carry on; ${crashLoopExits} exits of one instance within ${crashLoopWindowMs / 1000} s stop everything.
`;
}

// A private inbox's page takes its token in the URL's fragment, which the browser never sends to
// a server; the token itself is not printed (terminals and CI logs keep what they show).
function inboxPageFragment() {
  return process.env.INBOX_TOKEN ? '#token=<INBOX_TOKEN> (the value of your INBOX_TOKEN)' : '';
}

main().catch((error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
