// Small statistics helpers for the benchmark.
export function percentile(sortedValues, p) {
  if (sortedValues.length === 0) return NaN;
  const index = Math.min(sortedValues.length - 1, Math.ceil((p / 100) * sortedValues.length) - 1);
  return sortedValues[Math.max(0, index)];
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return percentile(sorted, 50);
}

/**
 * The run whose `key` is the median of the runs, so its other figures stay consistent;
 * `spread` keeps every run's `key`, in the order they ran, to show the drift.
 */
export function medianRun(runs, key) {
  const sorted = [...runs].sort((a, b) => a[key] - b[key]);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], spread: runs.map((run) => round(run[key])) };
}

export function round(value, digits = 0) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
