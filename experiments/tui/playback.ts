/**
 * Paces a source against an injected wall clock: each tick moves the displayed simulated time by
 * (wall time since the last tick) x speed and lets the source process the events up to there, within
 * an event budget that adapts so that one slice takes about `sliceShare` of a tick. At `max` speed
 * the budget alone bounds the slice. Wall time only paces the display; it never enters results.
 */
import type { Millis } from '../../core/index.js';
import type { QueueSource } from './queue-source.js';
import type { Speed } from './speed.js';

/** Wall-clock milliseconds (performance.now in the program; a counter in tests). */
export type Clock = () => number;

export interface PlaybackOptions {
  /** Wall ms between ticks; the slice budget aims at `sliceShare` of it. */
  readonly tickMs: number;
  readonly sliceShare?: number;
  readonly initialEvents?: number;
  readonly minEvents?: number;
  readonly maxEvents?: number;
  /** A longer gap between ticks (a suspended machine) counts as this many wall ms. */
  readonly maxGapMs?: number;
  /** Wall ms over which events/s is averaged. */
  readonly rateWindowMs?: number;
}

export class Playback {
  private cursorTime: Millis;
  private lastWall: number;
  private budget: number;
  private readonly samples: { wall: number; events: number }[] = [];
  private total = 0;
  private readonly share: number;
  private readonly minEvents: number;
  private readonly maxEvents: number;
  private readonly maxGap: number;
  private readonly window: number;

  constructor(
    private readonly source: QueueSource,
    private readonly clock: Clock,
    private readonly options: PlaybackOptions,
  ) {
    this.cursorTime = source.isLive ? source.now : (source.nextTime ?? (Number.isFinite(source.now) ? source.now : 0));
    this.lastWall = clock();
    this.share = options.sliceShare ?? 0.5;
    this.minEvents = options.minEvents ?? 64;
    this.maxEvents = options.maxEvents ?? 1_000_000;
    this.budget = Math.min(this.maxEvents, Math.max(this.minEvents, options.initialEvents ?? 2000));
    this.maxGap = options.maxGapMs ?? 1000;
    this.window = options.rateWindowMs ?? 2000;
    this.samples.push({ wall: this.lastWall, events: 0 });
  }

  /** The simulated time the screen shows: it runs on between events at the chosen speed. */
  get cursor(): Millis {
    return this.cursorTime;
  }

  /** Current per-slice event budget (adapts to how long slices take). */
  get eventBudget(): number {
    return this.budget;
  }

  /** Events processed per wall second over the recent window. */
  get eventsPerSecond(): number {
    const first = this.samples[0]!;
    const last = this.samples[this.samples.length - 1]!;
    const dt = last.wall - first.wall;
    return dt > 0 ? ((last.events - first.events) * 1000) / dt : 0;
  }

  /** One slice. Returns the number of events processed. */
  tick(paused: boolean, speed: Speed): number {
    const wall = this.clock();
    const dt = Math.min(Math.max(0, wall - this.lastWall), this.maxGap);
    this.lastWall = wall;
    let events = 0;
    if (this.source.isLive) {
      events = this.source.advance({ until: Infinity, maxEvents: this.budget }).events;
      if (!paused) this.cursorTime = this.source.now;
    } else if (!paused && !this.source.done) {
      const target = speed === Infinity ? Infinity : this.cursorTime + dt * speed;
      const started = this.clock();
      const r = this.source.advance({ until: target, maxEvents: this.budget });
      this.adapt(this.clock() - started, r.limited);
      events = r.events;
      if (r.limited || target === Infinity) this.cursorTime = Math.max(this.cursorTime, this.source.now);
      else this.cursorTime = target;
    }
    this.sample(wall, events);
    return events;
  }

  /** Processes the next event, whatever its time (the `n` key); the cursor jumps to it. */
  step(): number {
    if (this.source.isLive || this.source.done) return 0;
    const r = this.source.step();
    this.cursorTime = Math.max(this.cursorTime, this.source.now);
    this.sample(this.clock(), r.events);
    return r.events;
  }

  private adapt(spentMs: number, limited: boolean): void {
    const goal = this.options.tickMs * this.share;
    if (spentMs > goal) this.budget = Math.max(this.minEvents, Math.floor((this.budget * goal) / spentMs));
    else if (limited && spentMs < goal / 2) this.budget = Math.min(this.maxEvents, this.budget * 2);
  }

  private sample(wall: number, events: number): void {
    this.total += events;
    const last = this.samples[this.samples.length - 1]!;
    if (wall === last.wall) last.events = this.total;
    else this.samples.push({ wall, events: this.total });
    while (this.samples.length > 2 && wall - this.samples[1]!.wall >= this.window) this.samples.shift();
  }
}
