/**
 * The driver-facing interface the TUI watches. A simulated replay implements it today
 * (sim-source.ts); a live controller can implement it later and the screen needs no change.
 */
import type { Millis } from '../../core/index.js';
import type { LogEntry, QueueSnapshot } from './view-model.js';

/** How far one slice may go: up to simulated time `until` (inclusive) and at most `maxEvents` events. */
export interface AdvanceBudget {
  readonly until: Millis;
  readonly maxEvents: number;
}

export interface AdvanceResult {
  /** Events processed by this call. */
  readonly events: number;
  /** True when the slice stopped because it used up `maxEvents` before reaching `until`. */
  readonly limited: boolean;
}

/** Events since the last `drainEvents`, oldest first, plus how many older ones the source let go. */
export interface EventBatch {
  readonly entries: readonly LogEntry[];
  readonly dropped: number;
}

/** Where the workload's time axis starts, so that the screen can show dates. */
export interface TimeBase {
  /** Unix seconds at time 0 (the SWF header's UnixStartTime), or null when unknown. */
  readonly unixStart: number | null;
  /** IANA time zone for dates (the SWF header's TimeZoneString); null means UTC. */
  readonly timeZone: string | null;
}

export interface QueueSource {
  /** Shown in the status bar: trace and policy, or the controller's address. */
  readonly title: string;
  readonly timeBase: TimeBase;
  /**
   * True for a live controller: time runs on its own, `advance` only collects what happened, and
   * the screen's pause and speed keys do not apply.
   */
  readonly isLive: boolean;
  /** Time of the last processed event (-Infinity before the first). */
  readonly now: Millis;
  /** Time of the next event, or undefined when there is none (replay over, or a live source). */
  readonly nextTime: Millis | undefined;
  /** True when a replay has processed every event; always false for a live source. */
  readonly done: boolean;
  /** A fresh read-only picture of the queue. Called a few times a second; must not change the source. */
  snapshot(): QueueSnapshot;
  /**
   * Process events within the budget, ending between instants (a budget that runs out inside an
   * instant is exceeded by the rest of it). Never goes back in time.
   */
  advance(budget: AdvanceBudget): AdvanceResult;
  /** Process exactly the next event, whatever its time (the `n` key); nothing for a live source. */
  step(): AdvanceResult;
  /** What happened since the previous call (the source keeps a bounded number of them). */
  drainEvents(): EventBatch;
}
