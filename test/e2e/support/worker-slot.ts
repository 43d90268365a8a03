/**
 * Which of Jest's workers runs this spec, from 0. Specs that run at the same time are in
 * different workers, so ports a spec takes as `base + WORKER_SLOT * span` never collide.
 */
export const WORKER_SLOT = Number(process.env.JEST_WORKER_ID ?? '1') - 1;
