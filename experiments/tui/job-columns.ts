/**
 * The pending and running tables, with `cqueue`'s column names. Widths are characters; keep ranks
 * decide what a narrow pane leaves out (job id and user go last).
 */
import type { Millis } from '../../core/index.js';
import type { Column } from './table.js';
import { slurmDuration, type TimeFormatter } from './time-format.js';
import type { JobRow, PriorityInfo } from './view-model.js';

export interface JobCellContext {
  /** The simulated time on screen. */
  readonly cursor: Millis;
  readonly time: TimeFormatter;
}

type JobColumn = Column<JobRow, JobCellContext>;

const dash = (s: string): string => (s === '' ? '-' : s);
const cpus = (milli: number): string => (milli % 1000 === 0 ? String(milli / 1000) : (milli / 1000).toFixed(1));

export function priorityText(p: PriorityInfo | null): string {
  return p === null ? '-' : String(Math.round(p.value));
}

const id: JobColumn = { title: 'JOBID', width: 8, keep: 0, value: (j) => j.id };
const user: JobColumn = { title: 'USER', width: 8, keep: 1, value: (j) => dash(j.user) };
const account: JobColumn = { title: 'ACCOUNT', width: 8, keep: 8, value: (j) => dash(j.account) };
const partition: JobColumn = { title: 'PARTITION', width: 9, keep: 9, value: (j) => dash(j.partition) };
const qos: JobColumn = { title: 'QOS', width: 6, keep: 10, value: (j) => dash(j.qos) };
const nodes: JobColumn = { title: 'NODES', width: 5, keep: 2, align: 'right', value: (j) => String(j.nodeCount) };
const cpuCount: JobColumn = { title: 'CPUS', width: 5, keep: 11, align: 'right', value: (j) => cpus(j.cpusMilli) };
const timeLimit: JobColumn = { title: 'TIMELIMIT', width: 11, keep: 4, align: 'right', value: (j) => slurmDuration(j.timeLimit) };

/** The pending queue, in the scheduler's order. */
export const PENDING_COLUMNS: readonly JobColumn[] = [
  id,
  user,
  account,
  partition,
  qos,
  nodes,
  cpuCount,
  timeLimit,
  { title: 'PRIORITY', width: 8, keep: 6, align: 'right', value: (j) => priorityText(j.priority) },
  { title: 'REASON', width: 17, keep: 3, value: (j) => j.pendingReason ?? '-' },
  { title: 'START', width: 11, keep: 5, value: (j, c) => c.time.short(j.expectedStart) },
  { title: 'WAIT', width: 11, keep: 7, align: 'right', value: (j, c) => slurmDuration(c.cursor - j.submitTime) },
];

/** Running jobs, oldest start first. */
export const RUNNING_COLUMNS: readonly JobColumn[] = [
  id,
  user,
  account,
  partition,
  qos,
  nodes,
  { title: 'START', width: 11, keep: 6, value: (j, c) => c.time.short(j.startTime) },
  { title: 'ELAPSED', width: 11, keep: 3, align: 'right', value: (j, c) => (j.startTime === null ? '-' : slurmDuration(c.cursor - j.startTime)) },
  { ...timeLimit, keep: 5 },
  { title: 'NODELIST', width: 10, keep: 4, flex: true, value: (j) => j.nodeList || '-' },
];
