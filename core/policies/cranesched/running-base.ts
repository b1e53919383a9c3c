import type { ClusterState } from '../../cluster/cluster-state.js';
import { violated } from '../../model/assert.js';
import type { Millis } from '../../model/time.js';
import { TimelineClasses } from '../../placement/timeline-classes.js';
import type { JobRecord } from '../../scheduler/job-record.js';

const SECOND = 1000;
const NO_NODES: readonly number[] = [];

/**
 * The time maps of running work alone, kept from pass to pass: each node's capacity minus its
 * running jobs until their planned ends (`max(start + limit, now + 1 s)`), and each node's free
 * CPUs now, also as an ascending table of the schedulable nodes. A pass copies the maps and
 * places its jobs on the copy.
 *
 * `sync` brings them to `now` from what changed since the last call instead of rebuilding them:
 * the maps are moved to start at `now`; the jobs that started since are taken from their nodes
 * (they come last in start order, so last on every node, as a rebuild would take them); the nodes
 * of jobs that ended, and of jobs running past their planned end (whose end moves with `now`), are
 * rebuilt from their running jobs in start order. So every map is breakpoint for breakpoint and
 * bit for bit the one a rebuild at `now` gives (the same subtractions in the same order), and so
 * is the table. Anything else changed (node states, the cluster) rebuilds everything.
 */
export class RunningBase {
  readonly classes = new TimelineClasses();
  /** Free CPUs now per node. */
  freeOf = new Float64Array(0);
  /** The free CPUs now of the schedulable nodes, ascending. */
  sorted = new Float64Array(0);
  private valid = false;
  private cluster: ClusterState | undefined;
  private version = -1;
  private usable: readonly number[] = [];
  /** The time the maps start at. */
  private at = -Infinity;
  // The running jobs of the last sync (the first `count`), in start order, with their start times and nodes then.
  private readonly jobs: JobRecord[] = [];
  private readonly starts: number[] = [];
  private readonly nodesOf: Array<readonly number[]> = [];
  /** Per job and node: its CPUs there over the node's CPUs (its load per second left). */
  private readonly shares: Array<readonly number[]> = [];
  private count = 0;
  // Nodes to rebuild (the first `markedCount`, marked with `stamp`), and nodes whose maps changed (`changedMark`).
  private mark = new Int32Array(0);
  /** Running jobs per node (a node listed twice by a job counts twice). */
  private jobsOn = new Int32Array(0);
  private changedMark = new Int32Array(0);
  private stamp = 0;
  private marked: number[] = [];
  private markedCount = 0;
  private changed: number[] = [];
  private changedCount = 0;
  // Nodes whose running jobs changed since the last `takeTouched` (all of them after a rebuild).
  private touchedMark = new Uint8Array(0);
  /** Those nodes, the first `touchedCount` (sized to the cluster: a list emptied by `length = 0` gives up its storage). */
  private touched: number[] = [];
  private touchedCount = 0;
  private allTouched = true;
  private readonly tableChanges = new TableChanges();
  private subNodes: number[] = [];
  private subAlloc: Float64Array[] = [];
  /** The schedulable mask of the current sync, and a reader of it made once (an arrow made in `sync` would capture its locals on every call). */
  private up: Uint8Array = new Uint8Array(0);
  private readonly isUp = (node: number): boolean => this.up[node] === 1;

  /** Rebuild everything at the next sync. */
  invalidate(): void {
    this.valid = false;
  }

  /** Bring the maps and tables to `now` (`usable`: the schedulable nodes, ascending; `up`: their mask). */
  sync(running: readonly JobRecord[], now: Millis, cluster: ClusterState, usable: readonly number[], up: Uint8Array): void {
    const classes = this.classes;
    // Classes split off as nodes' maps part; past this many (a handful per running job is usual) a rebuild regroups them.
    if (!this.valid || this.cluster !== cluster || this.version !== cluster.stateVersion || this.usable !== usable || classes.count > 2 * running.length + 16) {
      this.rebuild(running, now, cluster, usable, up);
      return;
    }
    if (now !== this.at) {
      classes.advance(now);
      this.at = now;
    }
    const stamp = ++this.stamp;
    this.markedCount = 0;
    this.changedCount = 0;
    const prev = this.jobs;
    const prevCount = this.count;
    // Jobs of the last sync that are gone: their nodes are rebuilt. The others keep their place.
    let i = 0;
    let j = 0;
    let kept = 0;
    for (; j < running.length; j++) {
      const job = running[j]!;
      while (i < prevCount && prev[i] !== job) this.endedOn(this.nodesOf[i++]!, stamp);
      if (i === prevCount) break;
      if (this.starts[i] !== job.startTime) {
        this.rebuild(running, now, cluster, usable, up); // not the run it was (never expected between passes)
        return;
      }
      if (kept !== i) {
        prev[kept] = job;
        this.starts[kept] = this.starts[i]!;
        this.nodesOf[kept] = this.nodesOf[i]!;
        this.shares[kept] = this.shares[i]!;
      }
      kept++;
      i++;
    }
    while (i < prevCount) this.endedOn(this.nodesOf[i++]!, stamp);
    const firstNew = kept;
    for (; j < running.length; j++) {
      const job = running[j]!;
      prev[kept] = job;
      this.starts[kept] = job.startTime;
      const nodes = job.nodes;
      for (let n = 0; n < nodes.length; n++) this.jobsOn[nodes[n]!]!++;
      this.nodesOf[kept] = nodes;
      this.shares[kept++] = sharesOf(nodes, job.allocation, cluster.cpus);
    }
    for (let k = kept; k < prevCount; k++) {
      prev[k] = undefined!; // (no ended job kept alive)
      this.nodesOf[k] = NO_NODES;
      this.shares[k] = NO_SHARES;
    }
    this.count = kept;
    const nodesOf = this.nodesOf;
    // Jobs past their planned end: their end is `now + 1 s`, so their nodes are rebuilt.
    for (let k = 0; k < kept; k++) {
      const job = prev[k]!;
      if (job.startTime + job.limit < now + SECOND) this.markAll(nodesOf[k]!, stamp);
    }
    if (firstNew === kept && this.markedCount === 0) return; // nothing changed but the time
    // New jobs on nodes not rebuilt: last in start order there, so taken last.
    const { subNodes, subAlloc, mark } = this;
    for (let k = firstNew; k < kept; k++) {
      const job = prev[k]!;
      const nodes = nodesOf[k]!;
      let m = 0;
      for (let n = 0; n < nodes.length; n++) {
        const node = nodes[n]!;
        if (mark[node] === stamp) continue;
        subNodes[m] = node;
        subAlloc[m++] = job.allocation[n]!;
        this.noteChanged(node, stamp);
      }
      classes.subtract(subNodes, subAlloc, now, job.startTime + job.limit, m);
    }
    // The marked nodes, from scratch: every running job on them, in start order (none left on
    // them, as when their jobs ended: nothing to look for).
    if (this.markedCount > 0) {
      this.up = up;
      classes.resetNodes(this.marked, this.markedCount, now, cluster.capacity, this.isUp);
      let busy = false;
      for (let k = 0; k < this.markedCount && !busy; k++) busy = this.jobsOn[this.marked[k]!]! > 0;
      for (let k = 0; k < kept && busy; k++) {
        const job = prev[k]!;
        const nodes = nodesOf[k]!;
        let m = 0;
        for (let n = 0; n < nodes.length; n++) {
          if (mark[nodes[n]!] !== stamp) continue;
          subNodes[m] = nodes[n]!;
          subAlloc[m++] = job.allocation[n]!;
        }
        if (m > 0) classes.subtract(subNodes, subAlloc, now, runningEnd(job, now), m);
      }
    }
    // The free CPUs now of the changed nodes, in the table.
    const { freeOf, changed, tableChanges } = this;
    tableChanges.begin(this.sorted.length);
    for (let k = 0; k < this.changedCount; k++) {
      const node = changed[k]!;
      const was = freeOf[node]!;
      const is = classes.of(node).freeDimAt(now, 0);
      if (is === was) continue;
      freeOf[node] = is;
      if (up[node] === 1) tableChanges.add(was, is);
    }
    tableChanges.applyTo(this.sorted, freeOf, usable);
  }

  /**
   * How many nodes' running jobs changed (started, ended, ran past their planned end) since the
   * last call, or -1 for "any node" (after a rebuild); the nodes are the first ones of
   * `touchedNodes`, valid until the next sync.
   */
  takeTouched(): number {
    const all = this.allTouched;
    this.allTouched = false;
    const count = this.touchedCount;
    for (let k = 0; k < count; k++) this.touchedMark[this.touched[k]!] = 0;
    this.touchedCount = 0;
    return all ? -1 : count;
  }

  get touchedNodes(): readonly number[] {
    return this.touched;
  }

  /**
   * Add each node's load from its running jobs to `cost`: per job in start order, the seconds to
   * its planned end times its share of the node's CPUs (the arithmetic a pass always did).
   */
  addLoads(cost: Float64Array, now: Millis): void {
    for (let k = 0; k < this.count; k++) {
      const job = this.jobs[k]!;
      const t = (runningEnd(job, now) - now) / SECOND;
      const nodes = this.nodesOf[k]!;
      const shares = this.shares[k]!;
      for (let n = 0; n < nodes.length; n++) cost[nodes[n]!]! += t * shares[n]!;
    }
  }

  private rebuild(running: readonly JobRecord[], now: Millis, cluster: ClusterState, usable: readonly number[], up: Uint8Array): void {
    const size = cluster.size;
    const classes = this.classes;
    this.up = up;
    classes.reset(now, cluster.capacity, cluster.layout.dims, this.isUp);
    let k = 0;
    for (const job of running) {
      const nodes = job.nodes;
      classes.subtract(nodes, job.allocation, now, runningEnd(job, now), nodes.length);
      this.jobs[k] = job;
      this.starts[k] = job.startTime;
      this.nodesOf[k] = nodes;
      this.shares[k++] = sharesOf(nodes, job.allocation, cluster.cpus);
    }
    for (let e = k; e < this.count; e++) {
      this.jobs[e] = undefined!;
      this.nodesOf[e] = NO_NODES;
      this.shares[e] = NO_SHARES;
    }
    this.count = k;
    this.at = now;
    if (this.freeOf.length !== size) {
      // Per-node scratch sized to the cluster (a hot loop storing past an array's end deoptimizes).
      this.marked = Array.from({ length: size }, () => 0);
      this.changed = Array.from({ length: size }, () => 0);
      this.subNodes = Array.from({ length: size }, () => 0);
      this.subAlloc = Array.from({ length: size }, () => NO_VECTOR);
      this.freeOf = new Float64Array(size);
      this.mark = new Int32Array(size);
      this.changedMark = new Int32Array(size);
      this.touchedMark = new Uint8Array(size);
      this.touched = Array.from({ length: size }, () => 0);
      this.jobsOn = new Int32Array(size);
    }
    this.jobsOn.fill(0);
    for (let j = 0; j < this.count; j++) for (const node of this.nodesOf[j]!) this.jobsOn[node]!++;
    this.touchedMark.fill(0);
    this.touchedCount = 0;
    this.allTouched = true;
    if (this.sorted.length !== usable.length) this.sorted = new Float64Array(usable.length);
    for (let n = 0; n < size; n++) this.freeOf[n] = classes.of(n).freeDimAt(now, 0);
    sortedValues(this.sorted, this.freeOf, usable);
    this.valid = true;
    this.cluster = cluster;
    this.version = cluster.stateVersion;
    this.usable = usable;
  }

  /** A job's end: its nodes hold one job less, and are rebuilt. */
  private endedOn(nodes: readonly number[], stamp: number): void {
    for (let n = 0; n < nodes.length; n++) this.jobsOn[nodes[n]!]!--;
    this.markAll(nodes, stamp);
  }

  private markAll(nodes: readonly number[], stamp: number): void {
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n]!;
      if (this.mark[node] !== stamp) {
        this.mark[node] = stamp;
        this.marked[this.markedCount++] = node;
      }
      this.noteChanged(node, stamp);
    }
  }

  private noteChanged(node: number, stamp: number): void {
    if (this.changedMark[node] === stamp) return;
    this.changedMark[node] = stamp;
    this.changed[this.changedCount++] = node;
    if (this.touchedMark[node] === 0 && !this.allTouched) {
      this.touchedMark[node] = 1;
      this.touched[this.touchedCount++] = node;
    }
  }
}

const NO_SHARES: readonly number[] = [];
const NO_VECTOR = new Float64Array(0);

/**
 * Changed values of a sorted table (its old and new values), applied at once: one by one when
 * they are few, merged in one pass over the table when more, the table sorted afresh when most
 * of it changed. Either way the table ends as sorting its values afresh would leave it.
 */
export class TableChanges {
  private was = new Float64Array(0);
  private is = new Float64Array(0);
  private count = 0;

  /** Start collecting, for a table of `size` values. */
  begin(size: number): void {
    if (this.was.length < size) {
      this.was = new Float64Array(size);
      this.is = new Float64Array(size);
    }
    this.count = 0;
  }

  /** One value of the table goes from `was` (in it) to `is`. */
  add(was: number, is: number): void {
    this.was[this.count] = was;
    this.is[this.count++] = is;
  }

  /** Whether any change was added since `begin`. */
  get any(): boolean {
    return this.count > 0;
  }

  /** Apply the changes to `sorted`, the values of `of` at `nodes`, ascending (`of` already holds the new values). */
  applyTo(sorted: Float64Array, of: Float64Array, nodes: readonly number[]): void {
    const count = this.count;
    if (count <= ONE_BY_ONE) for (let k = 0; k < count; k++) replaceSorted(sorted, this.was[k]!, this.is[k]!);
    else if (count > SORT_PAST * sorted.length) sortedValues(sorted, of, nodes);
    else replaceAllSorted(sorted, this.was, this.is, count);
    this.count = 0;
  }
}

/** Up to this many changed values are moved into place one by one. */
const ONE_BY_ONE = 4;
/** Past this share of the table changed, it is sorted afresh. */
const SORT_PAST = 1 / 3;

/** `out` = the values of `of` at `nodes`, ascending. */
export function sortedValues(out: Float64Array, of: Float64Array, nodes: readonly number[]): void {
  for (let k = 0; k < nodes.length; k++) out[k] = of[nodes[k]!]!;
  out.sort();
}

/**
 * Where a running job's hold ends in the time maps at `now`: its planned end (start + time
 * limit), or one second from now once that is past (CraneSched keeps such a job's nodes busy).
 */
export function runningEnd(job: Pick<JobRecord, 'startTime' | 'limit'>, now: Millis): Millis {
  return Math.max(job.startTime + job.limit, now + SECOND);
}

/** The load a job adds per second on a node: its CPUs there over the node's CPUs (node order cost). */
export function cpuShare(allocation: Float64Array, nodeCpus: number): number {
  return allocation[0]! / (nodeCpus || 1);
}

/** A job's CPUs on each of its nodes over the node's CPUs. */
function sharesOf(nodes: readonly number[], allocation: readonly Float64Array[], cpus: Float64Array): number[] {
  // (A plain array: one per started job, and a small typed array costs more to make.)
  const out: number[] = [];
  for (let n = 0; n < nodes.length; n++) out.push(cpuShare(allocation[n]!, cpus[nodes[n]!]!));
  return out;
}

/**
 * Replace one occurrence of each of `was[0..count)` by `is[0..count)` in an ascending array,
 * keeping it sorted (as sorting afresh would): the old values are taken out in one pass, the new
 * ones merged in from the end. `was` and `is` are reordered (sorted).
 */
function replaceAllSorted(sorted: Float64Array, was: Float64Array, is: Float64Array, count: number): void {
  sortPrefix(was, count);
  sortPrefix(is, count);
  const n = sorted.length;
  let kept = 0;
  let j = 0;
  for (let r = 0; r < n; r++) {
    const v = sorted[r]!;
    if (j < count && v === was[j]) j++;
    else sorted[kept++] = v;
  }
  // The table and the per-node values come from the same subtractions: every `was` is in it, exactly.
  if (j !== count) violated(`free-CPU table lacks ${count - j} of the values replaced`);
  let i = kept - 1;
  let m = count - 1;
  for (let out = n - 1; m >= 0; out--) {
    if (i >= 0 && sorted[i]! > is[m]!) sorted[out] = sorted[i--]!;
    else sorted[out] = is[m--]!;
  }
}

/** Sorts `a[0..count)` ascending in place (by insertion when short, else natively). */
function sortPrefix(a: Float64Array, count: number): void {
  if (count > 8) {
    a.subarray(0, count).sort();
    return;
  }
  for (let i = 1; i < count; i++) {
    const x = a[i]!;
    let j = i - 1;
    for (; j >= 0 && a[j]! > x; j--) a[j + 1] = a[j]!;
    a[j + 1] = x;
  }
}

/**
 * Replace one occurrence of `was` by `is` in an ascending array, keeping it sorted. The
 * occurrence nearest to where `is` goes is taken, and only the values strictly between the two
 * move (a table of few distinct values, such as whole free nodes, barely moves at all). One binary
 * search finds `was`; where `is` goes is found by the walk that moves those values (a second
 * search would cost as much, and this function runs ~100,000 times per replay).
 */
export function replaceSorted(sorted: Float64Array, was: number, is: number): void {
  if (is > was) {
    let k = lowerBound(sorted, was, true) - 1; // the last `was`
    // The table and the per-node values come from the same subtractions: `was` is in it, exactly.
    if (sorted[k] !== was) violated(`free-CPU table has no ${was} (found ${sorted[k]})`);
    for (const last = sorted.length - 1; k < last && sorted[k + 1]! < is; k++) sorted[k] = sorted[k + 1]!;
    sorted[k] = is;
  } else if (is < was) {
    let k = lowerBound(sorted, was, false); // the first `was`
    if (sorted[k] !== was) violated(`free-CPU table has no ${was} (found ${sorted[k]})`);
    for (; k > 0 && sorted[k - 1]! > is; k--) sorted[k] = sorted[k - 1]!;
    sorted[k] = is;
  }
}

/** The first index of an ascending array whose value is >= x (> x with `above`), or its length if none. */
export function lowerBound(sorted: Float64Array, x: number, above = false): number {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (sorted[m]! < x || (above && sorted[m] === x)) a = m + 1;
    else b = m;
  }
  return a;
}
