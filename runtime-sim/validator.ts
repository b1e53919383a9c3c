import { expandRuns, runsInclude, runsLength, type JobId, type Millis, type NodeId, type NodeRuns } from '../core/index.js';
import { NodeUsage } from './node-usage.js';

const SUBMITTED = 1;
const STARTED = 2;
const ENDED = 4;
const LEFT_PENDING = 8;
/** `singleDimension` results that are not a resource index. */
const GENERIC = -2;
const NO_RESOURCE = -1;
/** One vector on every node, non-zero in several resources (CPU and memory): booked a resource at a time. */
const SEVERAL = -3;
/** Lists at least this long are remembered once seen to be uniform (a shorter one is cheaper to look at again). */
const REMEMBER_FROM = 64;

/**
 * Checks, around any scheduler, the invariants every schedule must keep (the idea of pybatsim's
 * validating wrapper): no node ever holds more than its capacity in any resource, no job starts
 * before it is submitted or starts twice, and every job ends exactly once, after it started. A
 * violation throws, naming the job and node.
 *
 * It runs on every replay, so it is built for speed: nodes come as runs (core NodeRuns), per-node
 * amounts live in flat typed arrays with whole blocks of nodes booked at once (node-usage.ts),
 * per-job states in arrays indexed by the (dense) job id, and a start whose nodes all take the same
 * vector (the usual case; a long shared list is known after its first check) touches only the
 * resources it takes a non-zero amount of (adding zero changes nothing, and every earlier sum was
 * checked), one at a time, walking the runs without building a node list. Only when the fast check
 * fails is the start re-checked node by node, to throw the message the first violation deserves.
 */
export class ScheduleValidator {
  /** What each node holds (node-usage.ts). */
  private readonly usage: NodeUsage;
  /** Stamp per node of the last start that named it (finds a node listed twice without a Set). */
  private readonly stamp: Int32Array;
  private stamps = 0;
  /** Running jobs, by job id: what they hold, and `singleDimension` of it (how `end` gives it back). */
  private readonly heldNodes: Array<NodeRuns | undefined>;
  private readonly heldAllocation: Array<readonly Float64Array[] | undefined>;
  private heldSingle: Int32Array;
  /** Allocation lists seen to be one vector repeated (lists are shared and read-only by contract). */
  private readonly uniformLists = new WeakSet<readonly Float64Array[]>();
  /** Per job id: SUBMITTED | STARTED | ENDED bits, and the submit time. */
  private flags: Uint8Array;
  private submitTime: Float64Array;
  /** Job ids in submission order (for `finish`'s message). */
  private order: Int32Array;
  private submittedCount = 0;
  /** Scratch: the dimensions in which the vector last checked by `fits` is non-zero. */
  private readonly nonZero: Int32Array;

  /**
   * `capacity[i]`: node i's resources as a vector (the core's resource layout). `jobs`: how many
   * job ids to make room for at once (a simulation knows its workload's size). More still fit, but
   * growing a per-job array mid-replay replaces a field that optimized code took as constant, and
   * sends submit, start, end and everything they are inlined into back to the interpreter (a
   * KTH-SP2 replay grew them five times).
   */
  constructor(capacity: readonly Float64Array[], jobs = 1024) {
    const room = Math.max(jobs, 16);
    this.heldNodes = new Array<undefined>(room).fill(undefined);
    this.heldAllocation = new Array<undefined>(room).fill(undefined);
    this.heldSingle = new Int32Array(room);
    this.flags = new Uint8Array(room);
    this.submitTime = new Float64Array(room);
    this.order = new Int32Array(room);
    this.usage = new NodeUsage(capacity);
    this.stamp = new Int32Array(capacity.length);
    this.nonZero = new Int32Array(this.usage.dims);
  }

  submit(job: JobId, now: Millis): void {
    this.ensure(job);
    if ((this.flags[job]! & SUBMITTED) !== 0) throw new Error(`validator: job ${job} submitted twice`);
    this.flags[job]! |= SUBMITTED;
    this.submitTime[job] = now;
    if (this.submittedCount === this.order.length) this.order = grow(this.order, this.submittedCount + 1);
    this.order[this.submittedCount++] = job;
  }

  start(job: JobId, nodes: NodeRuns, allocation: readonly Float64Array[], now: Millis): void {
    this.ensure(job);
    const flags = this.flags[job]!;
    if ((flags & SUBMITTED) === 0) throw new Error(`validator: job ${job} started at ${now} but never submitted`);
    const submit = this.submitTime[job]!;
    if (now < submit) throw new Error(`validator: job ${job} started at ${now}, before its submission at ${submit}`);
    if ((flags & STARTED) !== 0) throw new Error(`validator: job ${job} started twice (again at ${now})`);
    this.flags[job] = flags | STARTED;
    const count = this.knownDistinct(nodes);
    const single = count < 0 ? GENERIC : this.singleDimension(count, allocation);
    if (single === GENERIC) {
      const list = expandRuns(nodes);
      if (count >= 0 && this.fits(list, allocation)) this.change(list, allocation, 1);
      else this.startSlowly(job, list, allocation, now);
    } else if (single >= 0) {
      const amount = allocation[0]![single]!;
      if (!this.usage.takeUniform(nodes, amount, single)) this.startSlowly(job, expandRuns(nodes), allocation, now);
    } else if (single === SEVERAL && !this.takeVector(nodes, allocation[0]!)) {
      this.startSlowly(job, expandRuns(nodes), allocation, now);
    }
    this.heldNodes[job] = nodes;
    this.heldAllocation[job] = allocation;
    this.heldSingle[job] = single;
  }

  end(job: JobId, nodes: NodeRuns, now: Millis): void {
    this.ensure(job);
    const flags = this.flags[job]!;
    if ((flags & STARTED) === 0) throw new Error(`validator: job ${job} ended at ${now} without starting`);
    if ((flags & ENDED) !== 0) throw new Error(`validator: job ${job} ended twice (again at ${now})`);
    this.flags[job] = flags | ENDED;
    const allocation = this.heldAllocation[job]!;
    const single = this.heldSingle[job]!;
    if (single === GENERIC || runsLength(nodes) > allocation.length) this.change(expandRuns(nodes), allocation, -1);
    else if (single >= 0) this.usage.addUniform(nodes, -allocation[0]![single]!, single);
    else if (single === SEVERAL) this.giveVector(nodes, allocation[0]!, this.usage.dims);
    this.heldNodes[job] = undefined;
    this.heldAllocation[job] = undefined;
  }

  /** A job that ended was put back in the queue (requeue): it may start and end once more. */
  requeue(job: JobId): void {
    this.ensure(job);
    this.flags[job]! &= ~(STARTED | ENDED);
  }

  /** A job that was cancelled before it ever started (it counts as ended). */
  endedPending(job: JobId): void {
    this.ensure(job);
    if ((this.flags[job]! & STARTED) !== 0) throw new Error(`validator: job ${job} reported as ended while pending, but it started`);
    this.flags[job]! |= ENDED;
  }

  /**
   * At the end of a run: a job still pending that waits for an outside action (see
   * `SimulationResult.leftPending`); it is accounted for, though it never started.
   */
  leftPending(job: JobId): void {
    this.ensure(job);
    if ((this.flags[job]! & STARTED) !== 0) throw new Error(`validator: job ${job} reported as left pending, but it started`);
    this.flags[job]! |= LEFT_PENDING;
  }

  /** At the end of a run: every accepted job started and ended exactly once, or was left pending. */
  finish(): void {
    for (let i = 0; i < this.submittedCount; i++) {
      const job = this.order[i]!;
      const flags = this.flags[job]!;
      if ((flags & (ENDED | LEFT_PENDING)) === 0) throw new Error(`validator: job ${job} never ${(flags & STARTED) !== 0 ? 'ended' : 'started'}`);
    }
  }

  /**
   * The number of nodes in `runs` if they are known nodes, each named once; else -1 (the caller
   * then checks node by node, which says what is wrong). Runs that ascend without overlapping (as
   * whole-node planners give them) are checked run by run; others node by node, with stamps.
   */
  private knownDistinct(runs: NodeRuns): number {
    const size = this.stamp.length;
    let count = 0;
    let ascending = true;
    for (let r = 0; r < runs.length; r += 2) {
      const first = runs[r]!;
      const n = runs[r + 1]!;
      if (!(first >= 0 && n >= 1 && first + n <= size)) return -1;
      if (r > 0 && first < runs[r - 2]! + runs[r - 1]!) ascending = false;
      count += n;
    }
    if (ascending) return count;
    const { stamp } = this;
    const mark = ++this.stamps;
    for (let r = 0; r < runs.length; r += 2) {
      const end = runs[r]! + runs[r + 1]!;
      for (let i = runs[r]!; i < end; i++) {
        if (stamp[i] === mark) return -1;
        stamp[i] = mark;
      }
    }
    return count;
  }

  /**
   * For a start whose `count` nodes all take one vector (the same object), non-negative: the one
   * resource it takes, NO_RESOURCE if it takes nothing, or SEVERAL. Otherwise GENERIC.
   */
  private singleDimension(count: number, allocation: readonly Float64Array[]): number {
    const a = allocation[0];
    if (a === undefined || allocation.length < count) return GENERIC;
    if (!this.uniformLists.has(allocation)) {
      for (let k = 1; k < allocation.length; k++) if (allocation[k] !== a) return GENERIC;
      if (allocation.length >= REMEMBER_FROM) this.uniformLists.add(allocation);
    }
    let single = NO_RESOURCE;
    for (let d = 0; d < this.usage.dims; d++) {
      if (!(a[d]! >= 0)) return GENERIC;
      if (a[d] !== 0) single = single === NO_RESOURCE ? d : SEVERAL;
    }
    return single;
  }

  /** Takes `vector` on every node of `runs`, a resource at a time; if one has no room, gives back what it took and returns false. */
  private takeVector(runs: NodeRuns, vector: Float64Array): boolean {
    for (let d = 0; d < this.usage.dims; d++) {
      if (vector[d] === 0 || this.usage.takeUniform(runs, vector[d]!, d)) continue;
      this.giveVector(runs, vector, d);
      return false;
    }
    return true;
  }

  /** Gives back `vector` on every node of `runs` in the resources before `upTo`. */
  private giveVector(runs: NodeRuns, vector: Float64Array, upTo: number): void {
    for (let d = 0; d < upTo; d++) if (vector[d] !== 0) this.usage.addUniform(runs, -vector[d]!, d);
  }

  /** Whether the start is clean (known, distinct nodes; amounts non-negative and within capacity). Changes no amounts. */
  private fits(nodes: readonly NodeId[], allocation: readonly Float64Array[]): boolean {
    const { usage, stamp, nonZero } = this;
    const D = usage.dims;
    const size = stamp.length;
    const mark = ++this.stamps;
    let checked: Float64Array | undefined;
    let dims = 0;
    for (let k = 0; k < nodes.length; k++) {
      const n = nodes[k]!;
      const alloc = allocation[k];
      if (!(n >= 0 && n < size && Number.isInteger(n)) || alloc === undefined || stamp[n] === mark) return false;
      stamp[n] = mark;
      if (alloc !== checked) {
        dims = 0;
        for (let d = 0; d < D; d++) {
          if (alloc[d]! < 0) return false;
          if (alloc[d] !== 0) nonZero[dims++] = d;
        }
        checked = alloc;
      }
      for (let i = 0; i < dims; i++) {
        const d = nonZero[i]!;
        if (usage.used(n, d) + alloc[d]! > usage.capacity(n, d) + 1e-9) return false;
      }
    }
    return true;
  }

  /** Adds (sign 1) or takes back (-1) each node's amounts; only non-zero ones: adding zero changes nothing. */
  private change(nodes: readonly NodeId[], allocation: readonly Float64Array[], sign: 1 | -1): void {
    const { usage, nonZero } = this;
    const D = usage.dims;
    let last: Float64Array | undefined;
    let dims = 0;
    for (let k = 0; k < nodes.length; k++) {
      const alloc = allocation[k]!;
      if (alloc !== last) {
        dims = 0;
        for (let d = 0; d < D; d++) if (alloc[d] !== 0) nonZero[dims++] = d;
        last = alloc;
      }
      const n = nodes[k]!;
      for (let i = 0; i < dims; i++) usage.add(n, nonZero[i]!, sign * alloc[nonZero[i]!]!);
    }
  }

  /** The node-by-node check, which throws at the first violation (and takes the amounts if there is none). */
  private startSlowly(job: JobId, nodes: readonly NodeId[], allocation: readonly Float64Array[], now: Millis): void {
    const { usage, stamp } = this;
    const D = usage.dims;
    const mark = ++this.stamps;
    for (let k = 0; k < nodes.length; k++) {
      const n = nodes[k]!;
      const alloc = allocation[k];
      if (!(n >= 0 && n < stamp.length && Number.isInteger(n)) || alloc === undefined) throw new Error(`validator: job ${job} given unknown node ${n} or no allocation for it`);
      if (stamp[n] === mark) throw new Error(`validator: job ${job} given node list with repeats: ${nodes.join(' ')}`);
      stamp[n] = mark;
      for (let d = 0; d < D; d++) {
        if (alloc[d]! < 0) throw new Error(`validator: job ${job} takes a negative amount on node ${n}`);
        const used = usage.used(n, d);
        if (used + alloc[d]! > usage.capacity(n, d) + 1e-9) {
          throw new Error(`validator: node ${n} over-allocated at ${now} in resource ${d}: job ${job} takes ${alloc[d]} with ${used} of ${usage.capacity(n, d)} held by job(s) ${this.jobsOn(n).join(', ')}`);
        }
      }
      for (let d = 0; d < D; d++) usage.add(n, d, alloc[d]!);
    }
  }

  /** Jobs holding node `n` now (for error messages only). */
  private jobsOn(n: number): number[] {
    const jobs: number[] = [];
    this.heldNodes.forEach((nodes, id) => {
      if (nodes !== undefined && runsInclude(nodes, n)) jobs.push(id);
    });
    return jobs;
  }

  /** Makes room for job id `job` in the per-job arrays. */
  private ensure(job: number): void {
    if (!(Number.isInteger(job) && job >= 0)) throw new Error(`validator: job id ${job} is not a non-negative integer`);
    if (job < this.flags.length) return;
    this.flags = grow(this.flags, job + 1);
    this.submitTime = grow(this.submitTime, job + 1);
    this.heldSingle = grow(this.heldSingle, job + 1);
    // Kept as long as `flags` and filled, so that they stay dense arrays.
    for (let i = this.heldNodes.length; i < this.flags.length; i++) {
      this.heldNodes.push(undefined);
      this.heldAllocation.push(undefined);
    }
  }
}

/** A copy of `a` at least `min` long (doubling), the rest zero. */
function grow<A extends Uint8Array | Int32Array | Float64Array>(a: A, min: number): A {
  const b = new (a.constructor as new (n: number) => A)(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
