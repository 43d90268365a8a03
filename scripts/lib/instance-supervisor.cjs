// What `npm start` does when one of the services' instances exits. CommonJS, unlike the other scripts,
// so that Jest's unit project loads it without Node's experimental ES module flag.
'use strict';

/**
 * With several instances, an exit is handled as a platform would: the instance is reported and started
 * again after a backoff while the others carry on; a crash loop still stops everything.
 */
const RESTART_POLICY = Object.freeze({
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  // Each delay is cut by up to this share at random, so instances that died together do not restart in step.
  jitter: 0.2,
  crashLoopExits: 3,
  crashLoopWindowMs: 60_000,
  // A run this long was not part of a crash loop: the next exit's backoff starts from firstDelayMs again.
  stableAfterMs: 60_000,
});

/** How many of an instance's last output lines an exit report shows. */
const REPORTED_LINES = 20;

const SYSTEM_CLOCK = Object.freeze({
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer),
});

/** The delay before the `inARow`-th restart (1, 2, ...) of exits in a row: firstDelayMs doubling to maxDelayMs, jittered. */
function restartDelayMs(inARow, policy = RESTART_POLICY, random = Math.random) {
  const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (inARow - 1));
  return Math.round(delay * (1 - policy.jitter * random()));
}

/**
 * Starts every instance with `spawn` and decides what each exit means. Alone (`restart` false) any
 * exit stops everything, as a crash fails a test: half a system would accept messages nobody consumes.
 * With `restart`, see RESTART_POLICY.
 */
class InstanceSupervisor {
  constructor({
    instances,
    restart,
    spawn,
    report,
    stopEverything,
    clock = SYSTEM_CLOCK,
    policy = RESTART_POLICY,
    random = Math.random,
  }) {
    Object.assign(this, { instances, restart, spawnInstance: spawn, report, stopEverything, clock, policy, random });
    this.stopped = false;
    this.state = new Map(instances.map((instance) => [instance.name, { exits: [], inARow: 0 }]));
  }

  start() {
    for (const instance of this.instances) this.launch(instance, undefined);
  }

  /** No more restarts (a pending one is cancelled); returns the handles of the instances running now, to stop them. */
  stop() {
    this.stopped = true;
    const handles = [];
    for (const state of this.state.values()) {
      if (state.pending !== undefined) this.clock.clearTimeout(state.pending);
      state.pending = undefined;
      if (state.handle) handles.push(state.handle);
    }
    return handles;
  }

  launch(instance, downSince) {
    const state = this.state.get(instance.name);
    state.pending = undefined;
    state.startedAt = this.clock.now();
    let exited = false;
    const onExit = (ending) => {
      if (exited) return;
      exited = true;
      this.exited(instance, handle, ending);
    };
    const handle = this.spawnInstance(instance, onExit, { downSince });
    state.handle = handle;
  }

  exited(instance, handle, ending) {
    const state = this.state.get(instance.name);
    if (state.handle === handle) state.handle = undefined;
    // Exits after a stop are the stop's own doing, not crashes.
    if (this.stopped) return;
    const now = this.clock.now();
    const ranMs = now - state.startedAt;
    state.exits = [...state.exits.filter((at) => now - at < this.policy.crashLoopWindowMs), now];
    const lines = lastLines(handle);
    if (!this.restart) return this.stopAll(`${instance.name} crashed (${describeEnding(ending)})${lines}`, ending);
    const within = Math.round(this.policy.crashLoopWindowMs / 1000);
    if (state.exits.length >= this.policy.crashLoopExits) {
      return this.stopAll(
        `${instance.name} exited ${state.exits.length} times within ${within} s, a crash loop; this time (${describeEnding(ending)})${lines}`,
        ending,
      );
    }
    state.inARow = ranMs >= this.policy.stableAfterMs ? 1 : state.inARow + 1;
    const delayMs = restartDelayMs(state.inARow, this.policy, this.random);
    this.report(
      `${instance.name} exited (${describeEnding(ending)}) after ${seconds(ranMs)} s${lines}\n` +
        `restarting ${instance.name} in ${seconds(delayMs)} s while the other instances carry on ` +
        `(its exits within ${within} s: ${state.exits.length}; ${this.policy.crashLoopExits} stop everything)`,
    );
    state.pending = this.clock.setTimeout(() => this.launch(instance, now), delayMs);
  }

  stopAll(cause, ending) {
    this.stopped = true;
    this.stopEverything(cause, typeof ending.code === 'number' && ending.code !== 0 ? ending.code : 1);
  }
}

function describeEnding({ code, signal }) {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

function lastLines(handle) {
  const lines = handle.lastLines().slice(-REPORTED_LINES);
  if (lines.length === 0) return '; it wrote nothing before it ended';
  return `; its last ${lines.length} lines of output:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}

const seconds = (ms) => (ms / 1000).toFixed(1);

module.exports = { InstanceSupervisor, REPORTED_LINES, RESTART_POLICY, restartDelayMs };
