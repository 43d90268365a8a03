import {
  Clock,
  Ending,
  InstanceHandle,
  InstanceSupervisor,
  RESTART_POLICY,
  restartDelayMs,
} from './instance-supervisor.cjs';

interface Instance {
  name: string;
}

/** A clock whose time moves only when the test says so; due timers run as it passes them. */
class FakeClock implements Clock {
  private time = 0;
  private timers: { at: number; callback: () => void }[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { at: this.time + ms, callback };
    this.timers.push(timer);
    return timer;
  }

  clearTimeout(timer: unknown): void {
    this.timers = this.timers.filter((candidate) => candidate !== timer);
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (let next = this.nextDue(until); next; next = this.nextDue(until)) {
      this.timers = this.timers.filter((timer) => timer !== next);
      this.time = next.at;
      next.callback();
    }
    this.time = until;
  }

  private nextDue(until: number) {
    return [...this.timers].sort((a, b) => a.at - b.at).find((timer) => timer.at <= until);
  }
}

interface FakeHandle extends InstanceHandle {
  readonly name: string;
  readonly downSince?: number;
  exit(ending: Ending): void;
}

/** Starts nothing: records each start, and lets the test end any of them. */
class FakeSpawner {
  readonly started: FakeHandle[] = [];

  readonly spawn = (
    instance: Instance,
    onExit: (ending: Ending) => void,
    { downSince }: { downSince?: number },
  ): FakeHandle => {
    const output = Array.from({ length: 30 }, (_, line) => `${instance.name} line ${line + 1}`);
    const handle = { name: instance.name, downSince, lastLines: () => output, exit: onExit };
    this.started.push(handle);
    return handle;
  };

  startsOf(name: string): FakeHandle[] {
    return this.started.filter((handle) => handle.name === name);
  }

  current(name: string): FakeHandle {
    return this.startsOf(name).at(-1)!;
  }
}

const KILLED: Ending = { code: null, signal: 'SIGKILL' };
const FAILED: Ending = { code: 3, signal: null };
const INSTANCES: Instance[] = [
  { name: 'client-a #1' },
  { name: 'client-b #1' },
  { name: 'client-a #2' },
  { name: 'client-b #2' },
];

function supervise({ restart = true, instances = INSTANCES, random = () => 0 } = {}) {
  const clock = new FakeClock();
  const spawner = new FakeSpawner();
  const reports: string[] = [];
  const stops: { cause: string; exitCode: number }[] = [];
  const supervisor = new InstanceSupervisor<Instance, FakeHandle>({
    instances,
    restart,
    spawn: spawner.spawn,
    report: (text) => reports.push(text),
    stopEverything: (cause, exitCode) => stops.push({ cause, exitCode }),
    clock,
    random,
  });
  supervisor.start();
  return { supervisor, clock, spawner, reports, stops };
}

describe(InstanceSupervisor.name, () => {
  describe(restartDelayMs.name, () => {
    it.each([
      { inARow: 1, random: 0, delayMs: 1000 },
      { inARow: 2, random: 0, delayMs: 2000 },
      { inARow: 3, random: 0, delayMs: 4000 },
      { inARow: 5, random: 0, delayMs: 16_000 },
      { inARow: 6, random: 0, delayMs: 30_000 },
      { inARow: 12, random: 0, delayMs: 30_000 },
      { inARow: 1, random: 1, delayMs: 800 },
      { inARow: 6, random: 0.5, delayMs: 27_000 },
    ])(
      'should wait $delayMs ms before restart $inARow in a row when the jitter draws $random',
      ({ inARow, random, delayMs }) => {
        expect(restartDelayMs(inARow, RESTART_POLICY, () => random)).toBe(delayMs);
      },
    );
  });

  it('should start every instance once when started', () => {
    const { spawner } = supervise();

    expect(spawner.started.map(({ name }) => name)).toEqual(INSTANCES.map(({ name }) => name));
    expect(spawner.started.every(({ downSince }) => downSince === undefined)).toBe(true);
  });

  it('should stop everything with the cause and its last lines when the only instances exit and restarts are off', () => {
    const { spawner, clock, stops, reports } = supervise({
      restart: false,
      instances: [{ name: 'client-a' }, { name: 'client-b' }],
    });

    spawner.current('client-b').exit(FAILED);
    clock.advance(120_000);

    expect(stops).toHaveLength(1);
    expect(stops[0].exitCode).toBe(3);
    expect(stops[0].cause).toContain('client-b crashed (exit code 3)');
    expect(stops[0].cause).toContain('client-b line 30');
    expect(reports).toEqual([]);
    expect(spawner.started).toHaveLength(2);
  });

  it('should report the last 20 lines and start the instance again after the backoff, leaving the others alone, when one exits', () => {
    const { spawner, clock, stops, reports } = supervise();

    spawner.current('client-b #2').exit(KILLED);
    clock.advance(RESTART_POLICY.firstDelayMs - 1);
    const startsBeforeTheDelay = spawner.startsOf('client-b #2').length;
    clock.advance(1);

    expect(startsBeforeTheDelay).toBe(1);
    expect(spawner.startsOf('client-b #2')).toHaveLength(2);
    expect(spawner.current('client-b #2').downSince).toBe(0);
    for (const other of ['client-a #1', 'client-b #1', 'client-a #2']) expect(spawner.startsOf(other)).toHaveLength(1);
    expect(stops).toEqual([]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('client-b #2 exited (signal SIGKILL)');
    expect(reports[0]).toContain('client-b #2 line 11');
    expect(reports[0]).not.toContain('client-b #2 line 10\n');
    expect(reports[0]).toContain('client-b #2 line 30');
  });

  it('should double the delay for each exit in a row when the instance keeps dying before it is stable', () => {
    const { spawner, clock, stops } = supervise();
    const restartTimes: number[] = [];
    const exitAfter = (ms: number) => {
      clock.advance(ms);
      const before = spawner.startsOf('client-a #1').length;
      spawner.current('client-a #1').exit(FAILED);
      const exitedAt = clock.now();
      while (spawner.startsOf('client-a #1').length === before) clock.advance(100);
      restartTimes.push(clock.now() - exitedAt);
    };

    // 35 s runs: never three exits within a minute, never a minute-long run.
    for (let exit = 0; exit < 7; exit += 1) exitAfter(35_000);

    expect(restartTimes).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(stops).toEqual([]);
  });

  it('should start the backoff from the first delay again when the instance ran for a stable while', () => {
    const { spawner, clock } = supervise();

    clock.advance(40_000);
    spawner.current('client-b #1').exit(FAILED);
    clock.advance(1000);
    clock.advance(RESTART_POLICY.stableAfterMs);
    spawner.current('client-b #1').exit(FAILED);
    const exitedAt = clock.now();
    clock.advance(RESTART_POLICY.firstDelayMs);

    expect(spawner.startsOf('client-b #1')).toHaveLength(3);
    expect(spawner.current('client-b #1').downSince).toBe(exitedAt);
  });

  it('should stop everything naming the crash loop when the same instance exits 3 times within a minute', () => {
    const { spawner, clock, stops, reports } = supervise();

    spawner.current('client-b #2').exit(FAILED);
    clock.advance(1000);
    spawner.current('client-b #2').exit(FAILED);
    clock.advance(2000);
    spawner.current('client-b #2').exit({ code: 7, signal: null });
    clock.advance(120_000);

    expect(reports).toHaveLength(2);
    expect(stops).toHaveLength(1);
    expect(stops[0].exitCode).toBe(7);
    expect(stops[0].cause).toContain('client-b #2 exited 3 times within 60 s, a crash loop');
    expect(stops[0].cause).toContain('client-b #2 line 30');
    expect(spawner.startsOf('client-b #2')).toHaveLength(3);
  });

  it('should not count it a crash loop when 3 exits of different instances fall within a minute', () => {
    const { spawner, clock, stops } = supervise();

    spawner.current('client-a #1').exit(KILLED);
    spawner.current('client-b #1').exit(KILLED);
    spawner.current('client-b #2').exit(KILLED);
    clock.advance(RESTART_POLICY.firstDelayMs);

    expect(stops).toEqual([]);
    expect(spawner.started).toHaveLength(INSTANCES.length + 3);
  });

  it('should not count it a crash loop when an instance exits 3 times over more than a minute', () => {
    const { spawner, clock, stops } = supervise();

    for (let exit = 0; exit < 3; exit += 1) {
      spawner.current('client-a #2').exit(FAILED);
      clock.advance(31_000);
    }

    expect(stops).toEqual([]);
    expect(spawner.startsOf('client-a #2')).toHaveLength(4);
  });

  it('should cancel a pending restart and return the running handles when stopped', () => {
    const { supervisor, spawner, clock, reports } = supervise();

    spawner.current('client-b #2').exit(KILLED);
    const running = supervisor.stop();
    clock.advance(60_000);

    expect(running.map(({ name }) => name)).toEqual(['client-a #1', 'client-b #1', 'client-a #2']);
    expect(spawner.startsOf('client-b #2')).toHaveLength(1);
    expect(reports).toHaveLength(1);
  });

  it('should neither report nor restart the exits a stop causes', () => {
    const { supervisor, spawner, clock, reports, stops } = supervise();

    supervisor.stop().forEach((handle) => handle.exit({ code: null, signal: 'SIGTERM' }));
    clock.advance(60_000);

    expect(reports).toEqual([]);
    expect(stops).toEqual([]);
    expect(spawner.started).toHaveLength(INSTANCES.length);
  });

  it('should count an instance once when its spawner reports the same exit twice', () => {
    const { spawner, clock, reports } = supervise();

    const handle = spawner.current('client-a #1');
    handle.exit(FAILED);
    handle.exit(FAILED);
    clock.advance(RESTART_POLICY.firstDelayMs);

    expect(reports).toHaveLength(1);
    expect(spawner.startsOf('client-a #1')).toHaveLength(2);
  });
});
