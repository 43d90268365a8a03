/** Which of Jest's workers runs this spec, from 0. */
const WORKER_SLOT = Number(process.env.JEST_WORKER_ID ?? '1') - 1;

/**
 * The first of `span` ports from `base` that are this worker's. Specs that run at the same
 * time are in different workers, so the ports they take this way never collide.
 */
export function workerPort(base: number, span = 1): number {
  return base + WORKER_SLOT * span;
}
