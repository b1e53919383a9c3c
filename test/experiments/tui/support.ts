import type { AdvanceBudget, AdvanceResult, EventBatch, JobRow, LogEntry, QueueSnapshot, QueueSource, TimeBase } from '../../../experiments/tui/index.js';
import { replaySource, type SimulationSource, type Ticker } from '../../../experiments/tui/index.js';
import { simJob, type JobSketch } from '../../support/builders.js';

/** A ticker a test fires by hand: `ticker.tick(3)` runs three slices. */
export class ManualTicker implements Ticker {
  private onTick: (() => void) | undefined;

  start(onTick: () => void): () => void {
    this.onTick = onTick;
    return () => {
      this.onTick = undefined;
    };
  }

  get running(): boolean {
    return this.onTick !== undefined;
  }

  tick(times = 1): void {
    if (this.onTick === undefined) throw new Error('ManualTicker: the app has not started the ticker (or has stopped it)');
    for (let i = 0; i < times; i++) this.onTick();
  }
}

/** A wall clock a test moves by hand (ms). */
export class ManualClock {
  ms = 0;
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** A replay of job sketches (seconds) on `procs` one-CPU nodes, dates from 1996-09-23 12:00 UTC. */
export function sketchSource(jobs: readonly JobSketch[], procs: number, policy = 'easy', logCapacity?: number): SimulationSource {
  const r = replaySource(jobs.map(simJob), {
    title: `sketch ${policy}`,
    policy,
    processors: procs,
    timeBase: { unixStart: 843480000, timeZone: 'UTC' },
    ...(logCapacity === undefined ? {} : { logCapacity }),
  });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** Removes colours and other escape sequences so that frames compare as plain text. */
export const plain = (s: string | undefined): string => (s ?? '').replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

/** Lets React and ink finish what a write or tick started (no wall-time waiting). */
export const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
};

/** A hand-written job row (defaults for everything but what a test cares about). */
export function row(over: Partial<JobRow> & { readonly id: string }): JobRow {
  return {
    user: 'u', account: 'acct', partition: 'cpu', qos: 'normal', state: 'Pending',
    nodeCount: 1, cpusMilli: 1000, memMiB: 0, timeLimit: 3_600_000, submitTime: 0,
    expectedStart: null, startTime: null, pendingReason: 'Priority', priority: null,
    nodeList: '', pod: null, steps: [],
    ...over,
  };
}

/**
 * A source fed by hand: a test sets the snapshot and queues log entries with their times; `advance`
 * moves `now` through the queued entries within the budget. It stands in for the live controller
 * and for core fields the simulator does not produce yet (node states, pods, priority factors).
 */
export class ScriptedSource implements QueueSource {
  readonly title = 'scripted';
  readonly timeBase: TimeBase = { unixStart: null, timeZone: null };
  readonly isLive: boolean;
  now = -Infinity;
  current: QueueSnapshot;
  private queue: LogEntry[] = [];
  private ready: LogEntry[] = [];
  advanced: AdvanceBudget[] = [];

  constructor(snapshot: Partial<QueueSnapshot> = {}, live = false) {
    this.isLive = live;
    this.current = {
      now: -Infinity, nodes: [], partitions: [], pending: [], running: [], reservations: [],
      progress: { finished: 0, rejected: 0, total: null, events: 0 },
      ...snapshot,
    };
  }

  /** Queues an event at `time` (seconds); `advance` delivers it. */
  at(time: number, kind: LogEntry['kind'], text: string, user = ''): this {
    const seq = this.queue.length + this.ready.length;
    this.queue.push({ seq, time: time * 1000, kind, text, user, account: '', partition: '' });
    this.queue.sort((a, b) => a.time - b.time);
    return this;
  }

  get nextTime(): number | undefined {
    return this.isLive ? undefined : this.queue[0]?.time;
  }

  get done(): boolean {
    return !this.isLive && this.queue.length === 0;
  }

  snapshot(): QueueSnapshot {
    return { ...this.current, now: this.now };
  }

  advance(budget: AdvanceBudget): AdvanceResult {
    this.advanced.push(budget);
    let events = 0;
    while (events < budget.maxEvents && this.queue[0] !== undefined && this.queue[0].time <= budget.until) {
      const e = this.queue.shift()!;
      this.now = e.time;
      this.ready.push(e);
      events++;
    }
    const next = this.queue[0];
    return { events, limited: events >= budget.maxEvents && next !== undefined && next.time <= budget.until };
  }

  step(): AdvanceResult {
    return this.isLive ? { events: 0, limited: false } : this.advance({ until: Infinity, maxEvents: 1 });
  }

  drainEvents(): EventBatch {
    const entries = this.ready;
    this.ready = [];
    return { entries, dropped: 0 };
  }
}
