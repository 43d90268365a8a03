// `npm run bench -- --profile`: the services run with V8's sampling profiler (--cpu-prof), and each
// stage's samples are summed by package and by function. The profiler and process.hrtime read the
// same monotonic clock, so a stage's start and end select its samples in every profile.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { round } from './stats.mjs';

const TOP_PACKAGES = 15;
const TOP_FUNCTIONS = 20;
/** A run of busy samples this long delays the event loop past the hostile stage's target. */
const LONG_TASK_US = 20_000;
/** The profiler samples every millisecond: a longer gap is time the thread did not run at all. */
const SAMPLE_GAP_US = 3_000;

/** Now on the profiler's clock, in microseconds. */
export const profileClockMicros = () => Number(process.hrtime.bigint() / 1000n);

/** Node options that write one profile per process of `app` into `dir` when it exits. */
export function profilingNodeOptions(dir, app) {
  const where = join(dir, app);
  mkdirSync(where, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${where}`];
}

export function clearProfiles(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * For each stage `{ name, service, startUs, endUs }`, the samples of `service`'s profiles in that window:
 * `{ stage, service, busyMs, packages: [{ name, percent }], functions: [{ name, percent }] }`, where busy
 * is every sample that is not idle and percents are of it.
 */
export function summariseStages(dir, stages) {
  return stages.map((stage) => {
    const totals = { busyUs: 0, waitedUs: 0, packages: new Map(), functions: new Map(), longTasks: [] };
    for (const file of profileFiles(join(dir, stage.service))) addWindow(totals, file, stage);
    const top = (map, count) =>
      largestFirst(map)
        .slice(0, count)
        .map(([name, us]) => ({ name, percent: percentOf(us, totals.busyUs) }));
    return {
      stage: stage.name,
      service: stage.service,
      busyMs: Math.round(totals.busyUs / 1000),
      // Of the busy time, what passed between samples while the thread was not running (waiting for a core).
      waitedPercent: percentOf(totals.waitedUs, totals.busyUs),
      longTasks: longTaskSummary(totals.longTasks),
      packages: top(totals.packages, TOP_PACKAGES),
      functions: top(totals.functions, TOP_FUNCTIONS),
    };
  });
}

/** The summaries as a page of Markdown tables. */
export function profileMarkdown(summaries, { date, machine }) {
  const lines = [
    '# Where the CPU goes',
    '',
    `\`npm run bench -- --profile\` on ${date}, ${machine}. Self time of V8's sampling profiler, as a share`,
    'of the samples that were not idle, for the service each stage loads. "(native)" is time in',
    'C++ below JavaScript (socket writes, the parser); a share includes time the thread waited',
    'for a core (a gap between samples), which each stage states on its own, with the runs of busy',
    'samples long enough to delay the event loop.',
  ];
  for (const summary of summaries) {
    const { longTasks } = summary;
    lines.push('', `## ${summary.stage}: ${summary.service} (${summary.busyMs} ms busy)`, '');
    lines.push(
      `${summary.waitedPercent} % of the busy time passed while the thread waited for a core. ` +
        `${longTasks.count} runs of busy samples over ${LONG_TASK_US / 1000} ms (${longTasks.totalMs} ms in all, ` +
        `${longTasks.waitedPercent} % of it waiting); the longest: ` +
        (longTasks.longest
          .map((task) => `${task.ms} ms (${task.waitedMs} waiting, mostly ${task.mostlyIn})`)
          .join(', ') || 'none') +
        '.',
      '',
    );
    lines.push('| package | share |', '| --- | ---: |');
    for (const { name, percent } of summary.packages) lines.push(`| ${name} | ${percent} % |`);
    lines.push('', '| function | share |', '| --- | ---: |');
    for (const { name, percent } of summary.functions) lines.push(`| \`${name}\` | ${percent} % |`);
  }
  return `${lines.join('\n')}\n`;
}

function profileFiles(dir) {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.cpuprofile'))
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

// A long task: consecutive busy samples of more than LONG_TASK_US, with how much of it the thread
// waited for a core and the function most of its samples were in.
function addWindow(totals, file, { startUs, endUs }) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  let at = profile.startTime;
  let task = undefined;
  const endTask = () => {
    if (task && task.us > LONG_TASK_US) totals.longTasks.push(task);
    task = undefined;
  };
  profile.samples.forEach((id, index) => {
    const us = profile.timeDeltas[index] ?? 0;
    at += us;
    if (at < startUs || at > endUs) return endTask();
    const frame = frames.get(id);
    if (frame.functionName === '(idle)') return endTask();
    totals.busyUs += us;
    const waited = us > SAMPLE_GAP_US ? us : 0;
    totals.waitedUs += waited;
    task ??= { us: 0, waitedUs: 0, functions: new Map() };
    task.us += us;
    task.waitedUs += waited;
    const pkg = packageOf(frame);
    totals.packages.set(pkg, (totals.packages.get(pkg) ?? 0) + us);
    const name = frame.functionName || '(anonymous)';
    const fn = frame.url ? `${name} ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : name;
    totals.functions.set(fn, (totals.functions.get(fn) ?? 0) + us);
    task.functions.set(pkg, (task.functions.get(pkg) ?? 0) + us);
  });
  endTask();
}

function longTaskSummary(tasks) {
  const longest = [...tasks].sort((a, b) => b.us - a.us).slice(0, 5);
  const totalUs = tasks.reduce((sum, task) => sum + task.us, 0);
  const waitedUs = tasks.reduce((sum, task) => sum + task.waitedUs, 0);
  return {
    count: tasks.length,
    totalMs: Math.round(totalUs / 1000),
    waitedPercent: percentOf(waitedUs, totalUs),
    longest: longest.map((task) => ({
      ms: Math.round(task.us / 1000),
      waitedMs: Math.round(task.waitedUs / 1000),
      mostlyIn: largestFirst(task.functions)[0]?.[0],
    })),
  };
}

// The package a frame's code is from: the innermost node_modules one, Node's own, or ours (the build).
function packageOf({ url, functionName }) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.includes('node_modules/')) return shortUrl(url).match(/^(@[^/]+\/)?[^/]*/)[0];
  if (url.startsWith('node:')) return 'node';
  return url.includes('/dist/') ? 'ours' : url;
}

/** The path from its package on, or from our app's build folder. */
const shortUrl = (url) => url.replace(/.*node_modules\//, '').replace(/.*\/dist\/apps\/[^/]+\//, '');
const percentOf = (part, whole) => round((100 * part) / Math.max(1, whole), 1);
const largestFirst = (map) => [...map].sort((a, b) => b[1] - a[1]);
