// How npm test runs jest, and the counts of such a run.
import { readFileSync } from 'node:fs';

/**
 * Two files at a time: an end-to-end spec spends most of its time waiting on the broker, the
 * database and its services, so two of them keep two cores busy; each has its own topics, group,
 * database and Redis keys, and its ports offset by its worker (test/e2e/support/worker-slot.ts).
 * --forceExit: a handle a spec leaves open (a socket, a timer) must not hold the run past its
 * results, as it once did for an hour.
 */
export const jestRunArgs = (resultsFile) => ['--maxWorkers=2', '--forceExit', '--json', `--outputFile=${resultsFile}`];

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
