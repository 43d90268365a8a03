// The types of instance-supervisor.cjs, for its unit spec.

export interface RestartPolicy {
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  readonly jitter: number;
  readonly crashLoopExits: number;
  readonly crashLoopWindowMs: number;
  readonly stableAfterMs: number;
}

/** How a process ended: its exit code, or the signal that ended it. */
export interface Ending {
  readonly code: number | null;
  readonly signal: string | null;
}

/** One running instance as its spawner started it; the supervisor hands these back from stop(). */
export interface InstanceHandle {
  /** The end of its output (both streams), oldest first. */
  lastLines(): string[];
}

/**
 * Starts one instance and calls `onExit` when it ends. `downSince` is when its previous run
 * ended (a restart), undefined for the first start.
 */
export type Spawner<I extends { name: string }, H extends InstanceHandle> = (
  instance: I,
  onExit: (ending: Ending) => void,
  start: { downSince?: number },
) => H;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export declare const RESTART_POLICY: RestartPolicy;
export declare const REPORTED_LINES: number;

export declare function restartDelayMs(inARow: number, policy?: RestartPolicy, random?: () => number): number;

export declare class InstanceSupervisor<I extends { name: string }, H extends InstanceHandle> {
  constructor(options: {
    instances: I[];
    restart: boolean;
    spawn: Spawner<I, H>;
    report: (text: string) => void;
    stopEverything: (cause: string, exitCode: number) => void;
    clock?: Clock;
    policy?: RestartPolicy;
    random?: () => number;
  });
  start(): void;
  stop(): H[];
}
