// `npm run bench [-- --quick]`: dependencies, then the benchmark (scripts/bench/run.mjs), which starts
// the infrastructure, builds, and measures every stage side by side in one run.
import { ensureDependencies } from './lib/ensure-dependencies.mjs';

async function main() {
  ensureDependencies();
  // Imported here, not at the top: the benchmark's stages import packages (autocannon, kafkajs,
  // mongoose, socket.io-client) that ensureDependencies installs on a fresh clone.
  const { runBenchmark } = await import('./bench/run.mjs');
  await runBenchmark();
}

main().catch((error) => {
  console.error(`npm run bench: ${error.stack ?? error.message}`);
  process.exit(1);
});
