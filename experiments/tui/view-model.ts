/**
 * The TUI's display model: what a `QueueSource` hands the screen. It is the TUI's own, decoupled from
 * the core's views (core-view.ts is the one place that maps them), so that a live controller can feed
 * the same screen and new core fields need one mapping change. Every time is integer milliseconds on
 * the workload's axis (see `TimeBase` for how that becomes a date).
 */
import type { Millis } from '../../core/index.js';

/**
 * Node states, as `cinfo` shows them. `mixed` is a node partly in use (or, in the grid, a cell of
 * several nodes some of which are in use); `reserved` is idle but held for a reservation.
 */
export type NodeState = 'idle' | 'mixed' | 'allocated' | 'down' | 'drained' | 'reserved';

export const NODE_STATES: readonly NodeState[] = ['idle', 'mixed', 'allocated', 'down', 'drained', 'reserved'];

export interface NodeRow {
  readonly name: string;
  readonly state: NodeState;
  /** Partitions this node belongs to (empty when the source knows none). */
  readonly partitions: readonly string[];
  /** CPUs in use and in total, in milli-CPUs. */
  readonly cpuUsedMilli: number;
  readonly cpuTotalMilli: number;
}

export interface PartitionRow {
  readonly name: string;
  /** Indices into `QueueSnapshot.nodes`. */
  readonly nodes: readonly number[];
}

/**
 * A job's priority and, under multifactor priority, its factors as `sprio` shows them (normalized to
 * [0, 1]; empty when the priority is not a weighted sum, e.g. basic or admin-mandated).
 */
export interface PriorityInfo {
  readonly value: number;
  readonly factors: readonly { readonly name: string; readonly value: number }[];
}

/** A step of a running job (container jobs: the Pod's containers; batch jobs: `crun` steps). */
export interface StepRow {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly nodes: string;
}

export interface JobRow {
  /** The job id users know (SWF job number, CraneSched job id). */
  readonly id: string;
  readonly user: string;
  readonly account: string;
  readonly partition: string;
  readonly qos: string;
  readonly state: string;
  readonly nodeCount: number;
  readonly cpusMilli: number;
  readonly memMiB: number;
  readonly timeLimit: Millis;
  readonly submitTime: Millis;
  /** Expected start of a pending job, or null when the scheduler has no plan for it. */
  readonly expectedStart: Millis | null;
  readonly startTime: Millis | null;
  readonly pendingReason: string | null;
  /** Null when the source knows no priority: shown as '-'. */
  readonly priority: PriorityInfo | null;
  /** Allocated nodes, compressed (`n[0-3,7]`); empty while pending. */
  readonly nodeList: string;
  /** The Pod's state for a container job; null otherwise. */
  readonly pod: string | null;
  readonly steps: readonly StepRow[];
}

export interface ReservationRow {
  readonly name: string;
  readonly start: Millis;
  readonly end: Millis;
  readonly nodes: string;
}

/** One consistent picture of the queue at `now`. Read-only; a new one is made per refresh. */
export interface QueueSnapshot {
  /** Time of the last event the source has processed (-Infinity before the first). */
  readonly now: Millis;
  readonly nodes: readonly NodeRow[];
  readonly partitions: readonly PartitionRow[];
  /** Pending jobs in queue order (the order the scheduler considers them). */
  readonly pending: readonly JobRow[];
  /** Running jobs, oldest start first. */
  readonly running: readonly JobRow[];
  readonly reservations: readonly ReservationRow[];
  readonly progress: {
    readonly finished: number;
    readonly rejected: number;
    /** Jobs in the workload; null for a live source. */
    readonly total: number | null;
    readonly events: number;
  };
}

/** What the event log shows. Closed list; new kinds go here and in describe-event.ts. */
export type LogKind =
  | 'submitted'
  | 'rejected'
  | 'started'
  | 'ended'
  | 'preempted'
  | 'reservation-start'
  | 'reservation-end'
  | 'node-down'
  | 'node-up'
  | 'node-drained'
  /** An admin command on a job (hold, release, cancel). */
  | 'admin';

export interface LogEntry {
  /** Increasing per source; lets the log keep its place while it grows. */
  readonly seq: number;
  readonly time: Millis;
  readonly kind: LogKind;
  readonly text: string;
  /** Who the entry is about, for the filter; empty strings for node, reservation and admin entries. */
  readonly user: string;
  readonly account: string;
  readonly partition: string;
}
