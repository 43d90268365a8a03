// How npm test runs jest, and the counts of such a run.
import { readFileSync } from 'node:fs';

/**
 * One file at a time: with two at a time the render-outage spec found its database's port still
 * answering after it killed the database, not yet understood (the specs' ports are already per Jest
 * worker, test/e2e/support/worker-slot.ts). --forceExit: a handle a spec leaves open (a socket, a
 * timer) must not hold the run past its results, as it once did for an hour.
 */
export const jestRunArgs = (resultsFile) => ['--runInBand', '--forceExit', '--json', `--outputFile=${resultsFile}`];

/** { passed, failed, skipped } of a run with {@link jestRunArgs}; a missing or unreadable file counts as one failure. */
export function readCounts(resultsFile) {
  try {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    // A suite that fails to load, or whose clean-up found a crashed service, has no failed
    // test of its own but must still count as a failure.
    const failedSuitesWithoutFailedTests = results.testResults.filter(
      (suite) => suite.status === 'failed' && !suite.assertionResults.some((test) => test.status === 'failed'),
    ).length;
    return {
      passed: results.numPassedTests,
      failed: results.numFailedTests + failedSuitesWithoutFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
    };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}
