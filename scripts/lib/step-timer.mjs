// Prints how long each start-up step took, so a slow start says where its time went.
export function stepTimer(log = console.log) {
  return async function step(label, work) {
    const startedAt = Date.now();
    const result = await work();
    log(`step: ${label} ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    return result;
  };
}
