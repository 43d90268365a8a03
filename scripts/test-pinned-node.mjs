// `npm run test:pinned-node`: only the last step of `npm test`, the unit and smoke end-to-end
// tests on render.yaml's Node version, against the servers KAFKA_BROKERS, MONGODB_URI and
// REDIS_URL name (nothing is started). Ends with "N passed, N failed, N skipped".
import { ensureKcat } from '../infra/index.mjs';
import { buildIfStale } from './lib/build.mjs';
import { runPinnedNodeTests } from './lib/pinned-node-tests.mjs';

const { KAFKA_BROKERS, MONGODB_URI, REDIS_URL } = process.env;
if (!KAFKA_BROKERS || !MONGODB_URI || !REDIS_URL) {
  console.error('test:pinned-node: set KAFKA_BROKERS, MONGODB_URI and REDIS_URL (or run `npm test`, which starts them)');
  process.exit(1);
}
await ensureKcat(); // the dead-letter spec reads the topic with kcat
buildIfStale();
const counts = runPinnedNodeTests({ KAFKA_BROKERS, MONGODB_URI, REDIS_URL }) ?? { passed: 0, failed: 0, skipped: 0 };
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed === 0 ? 0 : 1);
