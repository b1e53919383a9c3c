import { violated } from '../model/assert.js';
import type { PriorityJob, RankedJob } from './types.js';

/**
 * The jobs a scheduling cycle considers, best first, and the ones cut off by `ScheduledBatchSize`
 * (CRANESCHED.md §4.5 step 6: they stay pending with reason `Priority`). Both hold job `index`es.
 */
export interface PriorityOrder {
  /** At most `batchSize` job indexes, in scheduling order. */
  readonly scheduled: readonly number[];
  /** The rest, in the same order; each gets pending reason `Priority`. */
  readonly cut: readonly number[];
}

/**
 * Sorts by priority descending under a total order: equal priorities go earlier submission first,
 * then lower index. CraneSched's `std::ranges::sort` leaves ties unspecified; we fix them so runs
 * are reproducible. Then keeps the first `batchSize`. The input is not modified.
 * Throws on a NaN priority or a negative or fractional batch size (a bug in the caller).
 */
export function orderByPriority(ranked: readonly RankedJob[], batchSize: number): PriorityOrder {
  checkBatchSize(batchSize);
  const n = ranked.length;
  // A copy of the jobs sorted in place (plain arrays: this runs every cycle, mostly on short
  // queues, where four typed arrays per call cost more than the sort).
  const sorted = new Array<RankedJob>(n);
  for (let i = 0; i < n; i++) {
    const r = ranked[i]!;
    if (Number.isNaN(r.priority)) violated(`job index ${r.index} has priority NaN`);
    sorted[i] = r;
  }
  // The order is total (indexes are unique), so any sort gives the same result: insertion for the
  // short queues of most cycles, the built-in sort past that.
  if (n <= INSERTION_MAX) {
    for (let i = 1; i < n; i++) {
      const r = sorted[i]!;
      let j = i - 1;
      for (; j >= 0 && before(r, sorted[j]!); j--) sorted[j + 1] = sorted[j]!;
      sorted[j + 1] = r;
    }
  } else {
    sorted.sort((a, b) => {
      if (a.priority !== b.priority) return a.priority > b.priority ? -1 : 1;
      if (a.submitTime !== b.submitTime) return a.submitTime < b.submitTime ? -1 : 1;
      return a.index - b.index;
    });
  }
  const ordered = new Array<number>(n);
  for (let i = 0; i < n; i++) ordered[i] = sorted[i]!.index;
  return split(ordered, batchSize);
}

const INSERTION_MAX = 24;

/** Whether `a` comes before `b`: higher priority, then earlier submission, then lower index. */
function before(a: RankedJob, b: RankedJob): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.submitTime !== b.submitTime) return a.submitTime < b.submitTime;
  return a.index < b.index;
}

/**
 * CraneSched's `priority/basic`: pending jobs first-in first-out by submission index (CraneSched
 * orders by job id, which is submission order), the first `batchSize` scheduled, the rest cut.
 * Running jobs in `jobs` are ignored.
 */
export function basicOrder(jobs: readonly PriorityJob[], batchSize: number): PriorityOrder {
  checkBatchSize(batchSize);
  const ordered: number[] = [];
  let sorted = true;
  for (let i = 0; i < jobs.length; i++) {
    const j = jobs[i]!;
    if (!j.pending) continue;
    if (ordered.length > 0 && ordered[ordered.length - 1]! > j.index) sorted = false;
    ordered.push(j.index);
  }
  if (!sorted) ordered.sort((a, b) => a - b);
  return split(ordered, batchSize);
}

function split(ordered: number[], batchSize: number): PriorityOrder {
  if (ordered.length <= batchSize) return { scheduled: ordered, cut: [] };
  return { scheduled: ordered.slice(0, batchSize), cut: ordered.slice(batchSize) };
}

function checkBatchSize(batchSize: number): void {
  if (!(batchSize >= 0 && (Number.isInteger(batchSize) || batchSize === Infinity))) violated(`ScheduledBatchSize ${batchSize} is not a whole number >= 0`);
}
