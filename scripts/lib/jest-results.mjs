// Reads the counts of a `jest --json --outputFile=<file>` run.
import { readFileSync } from 'node:fs';

/** { passed, failed, skipped }; a missing or unreadable file counts as one failure. */
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

export const addCounts = (a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped });
