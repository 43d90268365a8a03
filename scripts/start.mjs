// `npm start`: dependencies, infrastructure, build, then both services until Ctrl-C.
import { bringUp } from '../infra/index.mjs';
import { buildIfStale } from './lib/build.mjs';
import { ensureDependencies } from './lib/ensure-dependencies.mjs';
import { assertPortFree, describeCrash, startApp, stopApp, waitForHealth } from './lib/services.mjs';
import { stepTimer } from './lib/step-timer.mjs';

const clientAPort = Number(process.env.CLIENT_A_PORT ?? 3000);
const clientBPort = Number(process.env.CLIENT_B_PORT ?? 3001);
const startedAt = Date.now();
const step = stepTimer();

async function main() {
  await assertPortFree(clientAPort, 'CLIENT_A_PORT');
  await assertPortFree(clientBPort, 'CLIENT_B_PORT');
  await step('dependencies', () => ensureDependencies());
  const infra = await step('Kafka and the database', () => bringUp());
  const env = { KAFKA_BROKERS: infra.kafkaBrokers, MONGODB_URI: infra.mongodbUri };
  const apps = [];
  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('stopping client-a, client-b and the infrastructure...');
    // Not map(stopApp): map would pass the index as the grace period, a SIGKILL at once
    // that leaves the consumers in their groups until their sessions time out.
    await Promise.all(apps.map((child) => stopApp(child)));
    await infra.stop();
    process.exit(code);
  };
  // Replaces the handlers bringUp installed: the apps must stop before the broker does.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => shutdown(130));
  process.on('SIGTERM', () => shutdown(143));
  try {
    await step('build', () => buildIfStale());
    const names = ['client-a', 'client-b'];
    apps.push(startApp('client-a', { ...env, PORT: String(clientAPort) }));
    apps.push(startApp('client-b', { ...env, PORT: String(clientBPort) }));
    // One crash stops everything, as a crash fails a test: half a system would accept
    // messages nobody consumes, and the cause would scroll away unnoticed.
    apps.forEach((child, index) =>
      child.once('exit', (code, signal) => {
        if (stopping) return;
        console.error(`npm start: ${describeCrash(names[index], child, code, signal)}`);
        void shutdown(code || 1);
      }),
    );
    await step('services answering', () =>
      Promise.all([waitForHealth('client-a', apps[0], clientAPort), waitForHealth('client-b', apps[1], clientBPort)]),
    );
  } catch (error) {
    console.error(`npm start: ${error.message}`);
    return shutdown(1);
  }
  printReady();
}

function printReady() {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(`
Ready in ${seconds} s.
  client-a  http://localhost:${clientAPort}   POST /send-message (Prefer: wait=N), GET /messages/:id, GET /health
  client-b  http://localhost:${clientBPort}   GET /messages, GET /messages/stream (SSE), Socket.IO /inbox, GET /health

  The live inbox page: http://localhost:${clientBPort}/

Try it:
  curl -X POST http://localhost:${clientAPort}/send-message -H "Content-Type: application/json" \\
    -d '{"from":"clientA","to":"clientB","message":"Test success"}'
  curl -X POST http://localhost:${clientAPort}/send-message -H "Content-Type: application/json" -H "Prefer: wait=10" \\
    -d '{"from":"clientA","to":"clientB","message":"Reply when delivered"}'

Ctrl-C stops everything.`);
}

main().catch((error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
