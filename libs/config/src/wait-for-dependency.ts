/**
 * A failure that waiting cannot cure: a refused password, an untrusted certificate,
 * a missing topic the service may not create. Its message names the variable to change
 * and holds nothing taken from the environment, so no secret can show.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** How a start waits for a dependency that does not answer yet. */
export interface DependencyWaitOptions {
  /** The delay after the first failed attempt; it doubles after each one up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Bound of one attempt: past it the attempt counts as failed. */
  readonly attemptTimeoutMs: number;
  /** Where the "waiting for …" lines go. */
  readonly log: (line: string) => void;
  /** In [0, 1): the jitter's source (tests pass their own). */
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Delay before attempt `failures + 1`: capped exponential, with half of it random
 * (so instances restarted together do not knock on the dependency in step).
 */
export function dependencyRetryDelayMs(
  failures: number,
  options: Pick<DependencyWaitOptions, 'initialDelayMs' | 'maxDelayMs'>,
  random: number,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * Runs `attempt` until it succeeds: an unreachable or unavailable dependency is
 * waited for, with one line per failed attempt ("waiting for Kafka at …: <reason>;
 * next attempt in N s"); a ConfigurationError is thrown at once, unlogged, for the
 * caller to stop the service with.
 */
export async function waitForDependency<T>(
  what: string,
  attempt: () => Promise<T>,
  options: DependencyWaitOptions,
): Promise<T> {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let failures = 1; ; failures++) {
    try {
      return await bounded(attempt(), options.attemptTimeoutMs, what);
    } catch (error) {
      if (error instanceof ConfigurationError) throw error;
      const delayMs = dependencyRetryDelayMs(failures, options, random());
      options.log(
        `waiting for ${what}: ${reasonOf(error)}; next attempt in ${(delayMs / 1000).toFixed(1)} s (attempt ${failures} failed)`,
      );
      await sleep(delayMs);
    }
  }
}

// A driver's message may be long (kafkajs lists every broker tried): the first line, cut.
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n', 1)[0];
  return firstLine.length > 300 ? `${firstLine.slice(0, 300)}… (${firstLine.length} characters)` : firstLine;
}

// The attempt itself goes on after a timeout; its own bounds (every client call has one) end it.
async function bounded<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer from ${what} within ${timeoutMs} ms (STARTUP_ATTEMPT_TIMEOUT_MS)`)),
      timeoutMs,
    );
  });
  work.catch(() => undefined); // a late failure of a timed-out attempt is not an unhandled rejection
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The waits of a service's start, from its environment; "waiting for …" lines go to `log`. */
export function startupWaitOptions(
  env: { STARTUP_RETRY_MAX_DELAY_MS: number; STARTUP_ATTEMPT_TIMEOUT_MS: number },
  log: (line: string) => void,
): DependencyWaitOptions {
  return {
    initialDelayMs: Math.min(1000, env.STARTUP_RETRY_MAX_DELAY_MS),
    maxDelayMs: env.STARTUP_RETRY_MAX_DELAY_MS,
    attemptTimeoutMs: env.STARTUP_ATTEMPT_TIMEOUT_MS,
    log,
  };
}
