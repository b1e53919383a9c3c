/**
 * Holds everything the screen shows and changes it on two inputs only: a tick (from an injected
 * ticker) and an action (from a key). The React tree subscribes to it and renders its frames, so the
 * screen redraws at most once per tick plus once per key: a bounded rate whatever the replay does.
 */
import type { Millis } from '../../core/index.js';
import { applyFilter, matches, type Filter } from './filter.js';
import { Playback, type Clock, type PlaybackOptions } from './playback.js';
import type { QueueSource } from './queue-source.js';
import { initialUiState, reduce, type PaneCounts, type UiAction, type UiState } from './ui-state.js';
import type { JobRow, LogEntry, LogKind, QueueSnapshot, StepRow } from './view-model.js';

/** A line of the running pane: a job, then (container jobs) its Pod and steps. */
export type RunningLine =
  | { readonly kind: 'job'; readonly job: JobRow }
  | { readonly kind: 'pod'; readonly job: JobRow; readonly state: string }
  | { readonly kind: 'step'; readonly job: JobRow; readonly step: StepRow };

export interface TuiFrame {
  readonly ui: UiState;
  readonly snapshot: QueueSnapshot;
  /** The filtered lists the panes show. */
  readonly pending: readonly JobRow[];
  readonly running: readonly RunningLine[];
  readonly runningJobs: number;
  /** Newest first, filtered. */
  readonly log: readonly LogEntry[];
  /** Events the log could not keep up with (a fast replay produces more than it can show). */
  readonly logDropped: number;
  readonly cursor: Millis;
  readonly eventsPerSecond: number;
  readonly done: boolean;
  readonly live: boolean;
  /** Frames made so far (tests and the redraw-rate note in the docs use it). */
  readonly serial: number;
}

/** A periodic callback; the program uses setInterval, tests fire it by hand. */
export interface Ticker {
  start(onTick: () => void): () => void;
}

export interface ControllerOptions {
  readonly ui: UiState;
  readonly playback: PlaybackOptions;
  /** Most log entries kept. */
  readonly logLimit?: number;
}

/** Entries about the cluster rather than someone's job: the filter never hides them. */
const NODE_OR_RESERVATION: ReadonlySet<LogKind> = new Set(['reservation-start', 'reservation-end', 'node-down', 'node-up', 'node-drained', 'admin']);

export class TuiController {
  private ui: UiState;
  private readonly playback: Playback;
  private snapshot: QueueSnapshot;
  private log: LogEntry[] = [];
  private logDropped = 0;
  private frame: TuiFrame;
  private serial = 0;
  private readonly listeners = new Set<() => void>();
  private readonly logLimit: number;

  constructor(
    private readonly source: QueueSource,
    clock: Clock,
    options: ControllerOptions,
  ) {
    this.ui = options.ui;
    this.logLimit = options.logLimit ?? 1000;
    this.playback = new Playback(source, clock, options.playback);
    this.snapshot = source.snapshot();
    this.frame = this.makeFrame();
  }

  static create(source: QueueSource, clock: Clock, options: { speed: number; paused?: boolean; tickMs: number; logLimit?: number }): TuiController {
    return new TuiController(source, clock, {
      ui: initialUiState(options.paused === undefined ? { speed: options.speed } : { speed: options.speed, paused: options.paused }),
      playback: { tickMs: options.tickMs },
      ...(options.logLimit === undefined ? {} : { logLimit: options.logLimit }),
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getFrame = (): TuiFrame => this.frame;

  /** One slice of the replay, then a new frame if anything moved. */
  tick(): void {
    if (this.ui.quit) return;
    const before = this.playback.cursor;
    const events = this.playback.tick(this.ui.paused, this.ui.speed);
    if (events > 0 && !(this.source.isLive && this.ui.paused)) this.refresh();
    else if (this.playback.cursor !== before || !this.ui.paused) this.publish();
  }

  dispatch(action: UiAction): void {
    const next = reduce(this.ui, action, this.counts());
    const stepped = action.type === 'next-event' ? this.playback.step() : 0;
    if (next === this.ui && stepped === 0) return;
    const refilter = next.filter !== this.ui.filter;
    this.ui = next;
    if (stepped > 0) this.refresh();
    else if (refilter) this.publish();
    else this.publish(false);
  }

  private refresh(): void {
    this.snapshot = this.source.snapshot();
    const batch = this.source.drainEvents();
    this.logDropped += batch.dropped;
    if (batch.entries.length > 0) {
      const fresh = [...batch.entries].reverse();
      this.log = fresh.concat(this.log);
      if (this.log.length > this.logLimit) this.log.length = this.logLimit;
      const shown = fresh.filter((e) => this.logShows(e, this.ui.filter)).length;
      this.ui = reduce(this.ui, { type: 'log-grew', by: shown }, this.counts(shown));
    }
    this.publish();
  }

  private publish(relist = true): void {
    this.frame = relist ? this.makeFrame() : { ...this.frame, ui: this.ui, serial: ++this.serial };
    for (const l of this.listeners) l();
  }

  private counts(extraLog = 0): PaneCounts {
    return { pending: this.frame.pending.length, running: this.frame.running.length, log: this.frame.log.length + extraLog, nodes: 0 };
  }

  private logShows(e: LogEntry, f: Filter): boolean {
    return NODE_OR_RESERVATION.has(e.kind) || matches(f, e);
  }

  private makeFrame(): TuiFrame {
    const f = this.ui.filter;
    const runningJobs = applyFilter(f, this.snapshot.running);
    const running: RunningLine[] = [];
    for (const job of runningJobs) {
      running.push({ kind: 'job', job });
      if (job.pod !== null) running.push({ kind: 'pod', job, state: job.pod });
      for (const step of job.steps) running.push({ kind: 'step', job, step });
    }
    return {
      ui: this.ui,
      snapshot: this.snapshot,
      pending: applyFilter(f, this.snapshot.pending),
      running,
      runningJobs: runningJobs.length,
      log: f.terms.length === 0 ? this.log : this.log.filter((e) => this.logShows(e, f)),
      logDropped: this.logDropped,
      cursor: this.playback.cursor,
      eventsPerSecond: this.playback.eventsPerSecond,
      done: this.source.done,
      live: this.source.isLive,
      serial: ++this.serial,
    };
  }
}
