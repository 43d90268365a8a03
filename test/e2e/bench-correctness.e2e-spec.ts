import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { testEnvironment } from './support/test-environment';

jest.setTimeout(300_000);

describe('npm run bench -- --quick', () => {
  it('should lose and duplicate no message under load when the quick benchmark runs', () => {
    const { kafkaBrokers, mongodbUri } = testEnvironment();

    const run = spawnSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'bench.mjs'), '--quick'], {
      env: { ...process.env, KAFKA_BROKERS: kafkaBrokers, MONGODB_URI: mongodbUri },
      encoding: 'utf8',
      timeout: 280_000,
    });

    // Only correctness is asserted here; the timings are the benchmark's to report.
    expect(run.stdout).toMatch(/correctness: ok/);
    expect(run.status).toBe(0);
  });
});
