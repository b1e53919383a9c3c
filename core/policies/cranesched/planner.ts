import { concreteAllocation, fits, type NodeRequest } from '../../model/resources.js';
import type { Millis } from '../../model/time.js';
import { firstCommonFit, NodeTimeline } from '../../placement/node-timeline.js';
import { TimelineClasses } from '../../placement/timeline-classes.js';
import type { JobRecord } from '../../scheduler/job-record.js';
import type { CycleContext, Planner } from '../types.js';
import { NodeOrder, type NodeSelection } from './node-order.js';
import { chooseVictims } from './preemption.js';
import { buildAll } from './build-all.js';
import { lowerBound, RunningBase, TableChanges } from './running-base.js';

export interface CraneSchedPlannerOptions {
  /** `least-loaded` (CraneSched's MinCpuTimeRatioFirst) or `pack`. */
  readonly nodeSelection: NodeSelection;
  /** How far ahead a job may be planned (CraneSched: 7 days, `kAlgoMaxTimeWindow`). */
  readonly horizon: Millis;
  /** Nodes whose time map has this many breakpoints or more are skipped (CraneSched: 1000). */
  readonly maxBreakpoints: number;
  /** Cycles after every change (`event`, the default) or on a fixed interval like CraneSched (1 s). */
  readonly cycle: { readonly kind: 'event' } | { readonly kind: 'interval'; readonly every: Millis };
  /**
   * Plan every candidate, as CraneSched does, for views that show expected start times and
   * priorities (the TUI). Without it a pass stops planning after the last candidate that could
   * still start now: what comes after it only holds future slots, which no later start can see.
   * And once no later candidate can start, the rest get the reasons their plans would give
   * without being planned (`planTail`). Starts, nodes and pending reasons are the same either way
   * (property-tested); the unplanned jobs keep no planned start. A pass in which no job can start
   * then needs no queue order either (`CycleContext.unordered`), so priorities shown are those of
   * the last pass that ordered.
   */
  readonly planEveryJob: boolean;
}

/** The job a pass is placing, as its helpers read it. */
interface JobState {
  job: JobRecord | undefined;
  /** Its reservation's maps, when it runs inside one. */
  own: ReadonlyMap<number, NodeTimeline> | undefined;
  inPartition: Uint8Array;
  exclusive: boolean;
  include: readonly string[] | undefined;
  exclude: readonly string[] | undefined;
  names: readonly string[];
  dims: number;
  now: Millis;
  /** Marks the per-class answers computed for this job. */
  stamp: number;
}

export const CRANESCHED_DEFAULTS: CraneSchedPlannerOptions = {
  nodeSelection: 'least-loaded',
  horizon: 7 * 86_400_000,
  maxBreakpoints: 1000,
  cycle: { kind: 'event' },
  planEveryJob: false,
};

const NO_RESERVATIONS: ReadonlyMap<string, ReadonlyMap<number, NodeTimeline>> = new Map();
// Fillers of the per-job scratch arrays (never read).
const NO_VECTOR = new Float64Array(0);
const NO_MAP = new NodeTimeline(0);
const NO_NEED: NodeRequest = { vec: NO_VECTOR, untyped: [] };

const SECOND = 1000;

/**
 * CraneSched's scheduling cycle (CRANESCHED.md §4.5): every cycle rebuilds each node's time
 * availability from its running jobs (planned to their time limits), orders nodes by load, and
 * places the candidates in queue order. A job starts now if N nodes, tried in node order, each
 * have its per-node request for its whole time limit; otherwise it is planned on a fixed set of N
 * nodes (the first in node order that could ever hold it) at the earliest time within the horizon
 * when all of them can. Every placement, now or planned, is subtracted from the time maps, so
 * later jobs fit around earlier jobs' plans: conservative backfill over the batch, re-planned each
 * cycle. `now` is truncated to whole seconds, as CraneSched does.
 *
 * Reservations (§4.7): other jobs see a reservation's nodes as fully taken over [start, end) (from
 * now while it is active, idle or not). A `-r` job is placed only while its reservation is active,
 * on its own time maps of the reservation's nodes (their capacity minus the reservation's running
 * jobs, closed at the reservation's end), so it ends before the reservation does.
 *
 * Preemption (§4.8): a job that cannot start now and whose QoS may preempt others picks victims on
 * its fixed node set (preemption.ts), has them killed, and waits (`Waiting for Preemption`) with
 * its slot held until they have left; the pass after their ends starts it.
 */
export class CraneSchedPlanner implements Planner {
  readonly name = 'cranesched';
  /** The maps a pass places on: its own (`ownClasses`), or the running work's when it only reads them. */
  private classes: TimelineClasses;
  private readonly ownClasses = new TimelineClasses();
  private order: NodeOrder | undefined;
  private capacityOf: readonly Float64Array[] | undefined;
  /** The CPUs of every node when all nodes have the same (NaN if not): then one request loads its nodes alike. */
  private sameCpus = NaN;
  // Per-pass scratch, sized to the cluster: node loads, free CPUs now, per-class answers for one job.
  private cost: Float64Array = new Float64Array(0);
  private freeNowOf = new Float64Array(0);
  private memo = new Int32Array(0);
  private memoFit = new Uint8Array(0);
  private memoOk = new Int32Array(0);
  private memoOkFit = new Uint8Array(0);
  private seen = new Int32Array(0);
  private stamp = 0;
  private freeCpuNow: Float64Array = new Float64Array(0);
  // `freeVersion` changes with `freeCpuNow` (in a pass: when a start lowers it); `nodesFreeFor` keeps its last answer for it.
  private freeVersion = 0;
  private countVersion = -1;
  private countFor = NaN;
  private countOf = 0;
  private freeCpuScratch = new Float64Array(0);
  private readonly tableChanges = new TableChanges();
  /** The maps of running work alone, kept across passes (passes without reservations, preemption or shown plans). */
  private readonly base = new RunningBase();
  // The schedulable nodes of `usableOf` at node-state version `usableVersion` (usableNodes).
  private usableOf: CycleContext['cluster'] | undefined;
  private usableVersion = -1;
  private usable: readonly number[] = [];
  private upMask = new Uint8Array(0);
  private exclusiveNeeds: NodeRequest[] = [];
  // Per-job scratch: the job being placed, its chosen nodes and what it takes on them.
  private readonly jobState: JobState = { job: undefined, own: undefined, inPartition: new Uint8Array(0), exclusive: false, include: undefined, exclude: undefined, names: [], dims: 0, now: 0, stamp: 0 };
  // (Sized to the cluster with the other scratch: a hot loop storing past an array's end deoptimizes.)
  private chosen: number[] = [];
  private allocations: Float64Array[] = [];
  private loads: number[] = [];
  private maps: NodeTimeline[] = [];
  private mapNeeds: NodeRequest[] = [];
  // planTail's bound per node on when its map is back to its capacity, valid where `settledAt` is `settledPass`.
  private settled = new Float64Array(0);
  private settledAt = new Int32Array(0);
  private settledPass = 0;
  private nextCycle = -Infinity;
  /** Event mode: something changed, one pass runs at the end of the instant. Interval mode: work is waiting for the next tick. */
  private dirty = false;
  private readonly partitionSets = new Map<number, Uint8Array>();
  private lastPartition = -1;
  private lastPartitionSet: Uint8Array = new Uint8Array(0);
  /** Preemptors waiting for their victims to leave, with the nodes they will take. */
  private readonly waiting = new Map<JobRecord, { readonly victims: readonly JobRecord[]; readonly nodes: readonly number[] }>();
  readonly reservations = true;

  constructor(private readonly options: CraneSchedPlannerOptions = CRANESCHED_DEFAULTS) {
    this.classes = this.ownClasses;
  }

  cycle(c: CycleContext): void {
    const { cycle } = this.options;
    if (cycle.kind === 'interval') {
      // Like CraneSched's timer: a pass on every tick; ticks are only asked for while there is work.
      if (c.changed) this.dirty = true;
      if (c.now < this.nextCycle) return;
      this.nextCycle = (Math.floor(c.now / cycle.every) + 1) * cycle.every;
      this.dirty = (c.unordered ?? c.candidates).length > 0;
      this.pass(c);
      return;
    }
    // Event mode: one pass per instant with a change, after all of its submissions and ends (the
    // wake-up at `now` comes last in the instant). No wake-up is needed for a planned start: a
    // plan's time is the end of some running job's time limit (or of a plan that ends at one), so
    // an end, and with it a pass, comes no later than the plan.
    if (c.changed) this.dirty = true;
    else if (this.dirty) {
      this.dirty = false;
      this.pass(c);
    }
  }

  withdrawn(job: JobRecord): void {
    this.waiting.delete(job);
  }

  ended(): void {}

  nextWake(now: Millis): Millis | undefined {
    const { cycle } = this.options;
    if (cycle.kind === 'interval') return this.dirty ? Math.max(this.nextCycle, now) : undefined;
    return this.dirty ? now : undefined;
  }

  private pass(c: CycleContext): void {
    if ((c.unordered ?? c.candidates).length === 0) return; // nothing to place: the time maps would go unread
    const { cluster } = c;
    const now = Math.floor(c.now / SECOND) * SECOND;
    const size = cluster.size;
    if (this.order === undefined || this.cost.length !== size) {
      this.order = new NodeOrder(size, this.options.nodeSelection);
      this.cost = this.order.costs; // written straight into the order's table: nothing to copy each pass
      this.freeNowOf = new Float64Array(size);
      const classes = TimelineClasses.maxClasses(size);
      this.memo = new Int32Array(classes);
      this.memoFit = new Uint8Array(classes);
      this.memoOk = new Int32Array(classes);
      this.memoOkFit = new Uint8Array(classes);
      this.seen = new Int32Array(classes);
      this.settled = new Float64Array(size);
      this.settledAt = new Int32Array(size);
      this.exclusiveNeeds = [];
      this.chosen = Array.from({ length: size }, () => 0);
      this.allocations = Array.from({ length: size }, () => NO_VECTOR);
      this.loads = Array.from({ length: size }, () => 0.5); // (doubles from the start)
      this.maps = Array.from({ length: size }, () => NO_MAP);
      this.mapNeeds = Array.from({ length: size }, () => NO_NEED);
    }
    const order = this.order;
    const capacity = cluster.capacity;
    if (this.exclusiveNeeds.length !== size || this.capacityOf !== capacity) {
      this.exclusiveNeeds = capacity.map((vec) => ({ vec, untyped: [] }));
      this.sameCpus = capacity.every((vec) => vec[0] === capacity[0]![0]) ? capacity[0]![0]! : NaN;
    }
    this.capacityOf = capacity;
    const cpus = cluster.cpus;
    const usable = this.usableNodes(cluster);
    // Jobs after the last one that could start now only plan: skip them unless plans are shown,
    // or a plan can do more than hold a slot (preempt victims, be reserved). When no job can
    // start now, no time map is built at all.
    const planAll = this.options.planEveryJob || c.preemption !== null || c.reservations.length > 0 || this.waiting.size > 0;
    const cost = this.cost;
    let inside: ReadonlyMap<string, ReadonlyMap<number, NodeTimeline>> = NO_RESERVATIONS;
    // Per node, the earliest start of a reservation on it (only built when there are reservations).
    let reservedFrom: Float64Array | null = null;
    if (!planAll) {
      const base = this.base;
      base.sync(c.running, now, cluster, usable, this.upMask);
      this.freeCpuNow = base.sorted;
      this.freeVersion++;
      // (From the unordered jobs when there are no more than a batch: no queue order is needed.)
      const pool = c.unordered ?? c.candidates;
      if (this.lastPossibleStart(pool, pool.length - 1, 0) < 0) {
        for (const job of pool) this.leaveUnplanned(job);
        return;
      }
      cost.fill(0);
      base.addLoads(cost, now);
    } else {
      this.base.invalidate();
      const own = new Map<string, Map<number, NodeTimeline>>();
      if (c.reservations.length > 0) reservedFrom = new Float64Array(size).fill(Infinity);
      cost.fill(0);
      this.classes = this.ownClasses;
      buildAll(c, now, this.classes, this.cost, this.upMask, own, reservedFrom);
      inside = own;
    }
    const touched = planAll ? -1 : this.base.takeTouched();
    order.resetMoving(usable, cost, touched < 0 ? null : this.base.touchedNodes, touched);

    // CPUs free now per node, sorted: a job cannot start now unless N nodes have its CPUs free
    // now (a cheap early exit before walking the nodes). Free CPUs now only shrink during a pass,
    // so values not yet updated are upper bounds and the exit stays exact; the nodes a job starts
    // on are updated.
    // (Without reservations the table from the running jobs is already there, and the same.)
    if (planAll) {
      const freeNowOf = this.freeNowOf;
      const freeCpuNow = new Float64Array(usable.length);
      for (let i = 0; i < usable.length; i++) freeCpuNow[i] = freeNowOf[usable[i]!] = this.classes.of(usable[i]!).freeDimAt(now, 0);
      freeCpuNow.sort();
      this.freeCpuNow = freeCpuNow;
      this.freeVersion++;
    }

    // 2. Place each candidate in order.
    // Preemptors waiting for their victims go first: the room their victims leave is theirs
    // (CraneSched's preemptor keeps its slot until it launches).
    const candidates = this.waiting.size === 0 ? c.candidates : this.waitingFirst(c.candidates);
    let last = planAll ? candidates.length - 1 : this.lastPossibleStart(candidates, candidates.length - 1, 0);
    if (!planAll) {
      const base = this.base;
      if (last > 0) {
        // The maps of the running work, and the sorted table of free CPUs now, copied to place
        // this pass's jobs on (placements take from them).
        this.ownClasses.copyFrom(base.classes);
        this.classes = this.ownClasses;
        this.freeNowOf.set(base.freeOf);
        if (this.freeCpuScratch.length !== base.sorted.length) this.freeCpuScratch = new Float64Array(base.sorted.length);
        this.freeCpuScratch.set(base.sorted);
        this.freeCpuNow = this.freeCpuScratch;
        this.freeVersion++;
      } else {
        // One job to place (most passes): the last job placed holds nothing, so it reads the
        // running work's own maps and table as they are.
        this.classes = base.classes;
      }
    }
    // Look ahead (at the start and after a job that failed to start) for the next candidate that
    // can start now, trying them on the maps as they are: later placements only take from the
    // maps, so the ones before it cannot start either and are planned without trying (up to
    // `known`), and it starts without trying again when nothing was placed since (`tested`: its
    // nodes are in `chosen`). When none can, the rest of the pass changes no start, only reasons,
    // which `planTail` finds without the maps. (Passes that plan every job do not look ahead.)
    let known = -1;
    let tested = -1;
    let lookFrom = planAll ? Infinity : 0;
    for (let i = 0; i <= last; i++) {
      if (i === lookFrom) {
        const next = this.nextPossibleStart(c, candidates, i, last, now);
        if (next > last) {
          if (!this.planTail(c, candidates, i, last, now)) {
            for (let j = i; j <= last; j++) this.place(c, candidates[j]!, now, inside, reservedFrom, j < last, false, false);
          }
          break;
        }
        known = next - 1;
        tested = next === i ? next : -1;
      }
      const freeBefore = this.freeVersion;
      const job = candidates[i]!;
      this.place(c, job, now, inside, reservedFrom, i < last, i > known, i === tested);
      if (planAll) continue;
      // A start lowered some node's free CPUs now: fewer of the later jobs may start.
      if (this.freeVersion !== freeBefore) last = this.lastPossibleStart(candidates, last, i + 1);
      if (i > known && job.plannedStart !== now) lookFrom = i + 1;
    }
    for (let i = last + 1; i < candidates.length; i++) this.leaveUnplanned(candidates[i]!);
  }

  /** Preemptors waiting for their victims first, then the others, each in queue order. */
  private waitingFirst(candidates: readonly JobRecord[]): JobRecord[] {
    return [...candidates.filter((j) => this.waiting.has(j)), ...candidates.filter((j) => !this.waiting.has(j))];
  }

  /** A job after the last possible start: its plan would hold a future slot, with reason Resource. */
  private leaveUnplanned(job: JobRecord): void {
    job.plannedStart = Infinity;
    job.pendingReason = 'Resource';
  }

  /** The schedulable nodes, ascending (and `upMask`), kept until a node state changes. */
  private usableNodes(cluster: CycleContext['cluster']): readonly number[] {
    if (this.usableOf !== cluster || this.usableVersion !== cluster.stateVersion) {
      this.usableOf = cluster;
      this.usableVersion = cluster.stateVersion;
      this.upMask = new Uint8Array(cluster.size);
      const usable: number[] = [];
      for (let i = 0; i < cluster.size; i++) {
        if (!cluster.schedulable(i)) continue;
        this.upMask[i] = 1;
        usable.push(i);
      }
      this.usable = usable;
    }
    return this.usable;
  }

  /**
   * The index of the last of `candidates[from..upTo]` that could start now (from-1 if none): a
   * job asking for exclusive nodes or running in a reservation, or one for which enough nodes
   * have its CPUs free now. Free CPUs only shrink within a pass, so a job that cannot start now
   * cannot later in the pass; and a job that cannot start now gets reason `Resource` from its plan
   * (one of its nodes lacks its CPUs now), so skipping its plan changes no reason.
   */
  private lastPossibleStart(candidates: readonly JobRecord[], upTo: number, from: number): number {
    let i = upTo;
    for (; i >= from; i--) {
      const job = candidates[i]!;
      if (job.exclusive || job.reservation !== undefined || this.nodesFreeFor(job.need.vec[0]!) >= job.units) break;
    }
    return i;
  }

  /**
   * Start `job` now, or plan it, or leave it unplanned, and say why it waits. Without `more` (the
   * last job the pass places) what it takes is not held: nothing after it reads the maps. Without
   * `mayStart` it is known not to fit now and is planned at once; with `tested` it is known to fit
   * now on the nodes in `chosen` (a look ahead found them, and nothing was placed since).
   */
  private place(c: CycleContext, job: JobRecord, now: Millis, inside: ReadonlyMap<string, ReadonlyMap<number, NodeTimeline>>, reservedFrom: Float64Array | null, more: boolean, mayStart: boolean, tested: boolean): void {
    let own: ReadonlyMap<number, NodeTimeline> | undefined;
    if (job.reservation !== undefined) {
      if (c.reservation(job.reservation) === undefined) {
        this.waiting.delete(job);
        job.plannedStart = Infinity;
        job.pendingReason = 'Reservation deleted';
        return;
      }
      own = inside.get(job.reservation);
      if (own === undefined) {
        // Not active yet: reservation jobs are placed only inside an active reservation.
        job.plannedStart = Infinity;
        job.pendingReason = 'Resource';
        return;
      }
    }
    const t = this.prepare(c, job, own, now);
    const units = job.units;
    const chosen = this.chosen;

    // (a) Start now: N nodes, in node order, each free for the whole time limit.
    const plain = own === undefined && t.include === undefined && t.exclude === undefined;
    let found = tested ? job.units : mayStart ? this.nodesFreeNow(plain) : 0;
    if (found === units) {
      // What it takes on each node: the request itself (one vector for all) unless exclusive or GRES by name only.
      const uniform = !t.exclusive && job.need.untyped.length === 0;
      const allocation = this.allocations;
      for (let k = 0; k < units; k++) allocation[k] = uniform ? job.need.vec : this.allocationOn(this.timeline(chosen[k]!), this.needOn(chosen[k]!), now, now + job.limit);
      if (more) this.hold(chosen, allocation, units, now, now + job.limit, own, uniform);
      this.waiting.delete(job);
      job.plannedStart = now;
      const limit = c.runLimit(job);
      if (limit !== null) job.pendingReason = limit; // run limits come after placement: the slot stays held this cycle
      else c.start(job, chosen.slice(0, units), uniform ? undefined : allocation.slice(0, units)); // (uniform: the scheduler's shared list)
      if (own === undefined && more) this.refreshFreeNow(chosen, units, now);
      return;
    }

    // (c) Plan on a fixed node set: the first N in node order that could ever hold it.
    found = this.fixedNodes(plain);
    if (found < units) {
      job.plannedStart = Infinity;
      job.pendingReason = 'Resource';
      return;
    }

    // (b) Preemption: victims on the fixed node set; the job waits for them to leave.
    if (c.preemption !== null && own === undefined && this.preemptOnto(c, job, units, now)) return;

    // The earliest common fit, asked once per distinct map (nodes of a class answer alike).
    const { maps, mapNeeds } = this;
    const distinct = this.distinctMaps(units);
    const at = firstCommonFit(maps, mapNeeds, job.limit, now, now + this.options.horizon, distinct);
    if (at === Infinity) {
      job.plannedStart = Infinity;
      job.pendingReason = 'Resource';
      return;
    }
    // Resources that are not there now, or resources promised to jobs placed before it?
    const freeNowFits = this.distinctFitNow(distinct);
    const allocation = this.allocations;
    const uniform = !t.exclusive && job.need.untyped.length === 0;
    if (uniform) for (let k = 0; k < units; k++) allocation[k] = job.need.vec; // the request itself on every node
    else for (let k = 0; k < units; k++) allocation[k] = this.allocationOn(this.timeline(chosen[k]!), this.needOn(chosen[k]!), at, at + job.limit);
    if (more) this.hold(chosen, allocation, units, at, at + job.limit, own, uniform);
    job.plannedStart = at;
    let reserved = false;
    if (reservedFrom !== null && own === undefined) for (let k = 0; k < units && !reserved; k++) reserved = reservedFrom[chosen[k]!]! < now + job.limit;
    job.pendingReason = reserved ? 'Resource Reserved' : freeNowFits ? 'Priority' : 'Resource';
  }

  /** Make `job` the job being placed (`own`: its reservation's maps) and return its state. */
  private prepare(c: CycleContext, job: JobRecord, own: ReadonlyMap<number, NodeTimeline> | undefined, now: Millis): JobState {
    const { cluster } = c;
    const t = this.jobState;
    t.job = job;
    t.own = own;
    t.inPartition = this.partitionSet(job.partition, cluster.partitions[job.partition]!.nodes, cluster.size);
    t.exclusive = job.exclusive;
    t.include = job.includeNodes;
    t.exclude = job.excludeNodes;
    t.names = cluster.names;
    t.dims = cluster.layout.dims;
    t.now = now;
    t.stamp = ++this.stamp;
    return t;
  }

  /**
   * Into `chosen`: the first nodes in node order that the job being placed may use and that fit
   * it now for its whole time limit, up to its node count; returns how many were found (its node
   * count when it can start now). `plain`: outside reservations and without -w/-x.
   */
  private nodesFreeNow(plain: boolean): number {
    const t = this.jobState;
    const job = t.job!;
    if (t.own === undefined && !t.exclusive && !(this.nodesFreeFor(job.need.vec[0]!) >= job.units && this.enoughFitNow(job.units))) return 0;
    return this.walkNodes(plain, true);
  }

  /** Into `chosen`: the job being placed's fixed node set, the first nodes in node order it may use (up to its node count); returns how many. */
  private fixedNodes(plain: boolean): number {
    return this.walkNodes(plain, false);
  }

  /** Into `chosen`: the first nodes in node order the job being placed may use (and, with `now`, that fit it now), up to its node count; returns how many. */
  private walkNodes(plain: boolean, now: boolean): number {
    const units = this.jobState.job!.units;
    const ordered = this.order!.nodes;
    if (plain) return this.firstNodes(ordered, units, now);
    const chosen = this.chosen;
    let found = 0;
    for (let i = 0; i < ordered.length && found < units; i++) {
      const node = ordered[i]!;
      if (this.eligible(node) && (!now || this.fitsNow(node))) chosen[found++] = node;
    }
    return found;
  }

  /** Into `maps` and `mapNeeds`: the distinct maps of the first `units` of `chosen` (nodes of a class answer alike) and the job's need on each; returns how many. */
  private distinctMaps(units: number): number {
    const t = this.jobState;
    const { chosen, maps, mapNeeds, seen } = this;
    const classOf = this.classes.classTable;
    let distinct = 0;
    for (let k = 0; k < units; k++) {
      const node = chosen[k]!;
      if (t.own === undefined) {
        const cl = classOf[node]!;
        if (seen[cl] === t.stamp) continue;
        seen[cl] = t.stamp;
      }
      maps[distinct] = this.timeline(node);
      mapNeeds[distinct++] = this.needOn(node);
    }
    return distinct;
  }

  /** Whether the first `distinct` of `maps` each have `mapNeeds` free at the pass's instant. */
  private distinctFitNow(distinct: number): boolean {
    const now = this.jobState.now;
    let fitsNow = true;
    for (let k = 0; k < distinct && fitsNow; k++) fitsNow = this.maps[k]!.fitsAt(now, this.mapNeeds[k]!);
    return fitsNow;
  }

  /**
   * The first of `candidates[from..last]` that might start now on the maps as they are (last + 1
   * if none). Later in the pass the maps only have less free, so the others cannot start then
   * either. (No reservation is in force here: such passes plan every job.)
   */
  private nextPossibleStart(c: CycleContext, candidates: readonly JobRecord[], from: number, last: number, now: Millis): number {
    let i = from;
    for (; i <= last; i++) {
      const job = candidates[i]!;
      if (job.reservation !== undefined) continue; // its reservation is gone
      if (!job.exclusive && this.nodesFreeFor(job.need.vec[0]!) < job.units) continue; // (nodesFreeNow's first test, before `prepare`)
      const t = this.prepare(c, job, undefined, now);
      if (this.nodesFreeNow(t.include === undefined && t.exclude === undefined) === job.units) break;
    }
    return i;
  }

  /**
   * The rest of a pass in which no job can start any more: `candidates[from..last]`, none of which
   * can start now, each given the pending reason its plan would give, without planning it on the
   * maps. A plan takes only from future time, so a job's reason comes from the maps as they are:
   * `Priority` when its fixed node set has its need free now, else `Resource` (also when it has
   * no fixed node set). What one plan changes for the next is the next one's fixed node set,
   * through the node order; the order moves by loads that depend on a plan's length and CPUs,
   * not on when it starts, so it is kept as the plans would leave it. The jobs are left without
   * a planned start, like those after the last possible start.
   *
   * Two things the plans would have decided are known from bounds instead: that each job has a
   * start within the horizon (every map is its capacity from its last change on, and a plan ends
   * at most its time limit after the latest last change of its nodes), and that no node reaches
   * the breakpoint limit (a plan adds at most two breakpoints to a map). When a bound cannot
   * tell, the node order is restored and false returned: the caller then plans the jobs.
   */
  private planTail(c: CycleContext, candidates: readonly JobRecord[], from: number, last: number, now: Millis): boolean {
    const order = this.order!;
    order.save();
    const classes = this.classes;
    const live = classes.liveClasses;
    const { maxBreakpoints } = this.options;
    let breakpoints = 0;
    for (let k = 0; k < classes.count; k++) {
      const size = classes.mapOf(live[k]!).size;
      if (size < maxBreakpoints && size > breakpoints) breakpoints = size;
    }
    // Per node, a time after which its map is its capacity (valid while `settledStamp` is this pass's).
    const settled = this.settled;
    const settledStamp = ++this.settledPass;
    const latest = now + this.options.horizon;
    const { chosen, allocations } = this;
    for (let i = from; i <= last; i++) {
      const job = candidates[i]!;
      if (breakpoints >= maxBreakpoints) {
        order.restore();
        return false;
      }
      if (job.reservation !== undefined) {
        this.place(c, job, now, NO_RESERVATIONS, null, false, false, false); // its reservation is gone: it says so
        continue;
      }
      const t = this.prepare(c, job, undefined, now);
      const units = job.units;
      if (this.fixedNodes(t.include === undefined && t.exclude === undefined) < units) {
        job.plannedStart = Infinity;
        job.pendingReason = 'Resource';
        continue;
      }
      let end = -Infinity;
      for (let k = 0; k < units; k++) {
        const node = chosen[k]!;
        if (this.settledAt[node] !== settledStamp) {
          this.settledAt[node] = settledStamp;
          settled[node] = classes.of(node).lastChange;
        }
        if (settled[node]! > end) end = settled[node]!;
      }
      if (end > latest) {
        order.restore();
        return false;
      }
      const freeNowFits = this.distinctFitNow(this.distinctMaps(units));
      job.plannedStart = Infinity;
      job.pendingReason = freeNowFits ? 'Priority' : 'Resource';
      if (i === last) break;
      // What the plan would take, from a start no later than `end` for its time limit (the CPUs
      // of GRES taken by name only would be the same, and only CPUs make a load).
      for (let k = 0; k < units; k++) {
        const node = chosen[k]!;
        settled[node] = Math.max(settled[node]!, end + job.limit);
        allocations[k] = t.exclusive ? this.exclusiveNeeds[node]!.vec : job.need.vec;
      }
      breakpoints += 2;
      this.addLoads(chosen, allocations, units, job.limit / SECOND, !t.exclusive);
    }
    return true;
  }

  /** The map a node is placed on for the job being placed (its reservation's inside one). */
  private timeline(node: number): NodeTimeline {
    const own = this.jobState.own;
    return own === undefined ? this.classes.of(node) : own.get(node)!;
  }

  /** What the job being placed needs on a node (all of it when exclusive). */
  private needOn(node: number): NodeRequest {
    return this.jobState.exclusive ? this.exclusiveNeeds[node]! : this.jobState.job!.need;
  }

  /**
   * Into `chosen`: the first `units` nodes in node order that the job being placed may use (and,
   * with `now`, that fit it now for its whole time limit), for a job outside reservations and
   * without -w/-x; returns how many were found. `eligible` and `fitsNow`, inlined: this is the
   * walk of every placement.
   */
  private firstNodes(ordered: Int32Array, units: number, now: boolean): number {
    const t = this.jobState;
    const stamp = t.stamp;
    const inPartition = t.inPartition;
    const classOf = this.classes.classTable;
    const { chosen, memo, memoFit, memoOk, memoOkFit } = this;
    let found = 0;
    for (let i = 0; i < ordered.length && found < units; i++) {
      const node = ordered[i]!;
      if (inPartition[node] === 0) continue;
      const cl = classOf[node]!;
      if (memoOk[cl] !== stamp) this.noteUsable(cl, node);
      if (memoOkFit[cl] === 0) continue;
      if (now) {
        if (memo[cl] !== stamp) this.noteFitsNow(cl, node);
        if (memoFit[cl] === 0) continue;
      }
      chosen[found++] = node;
    }
    return found;
  }

  /** Whether the job being placed may use the node at all (partition, -w/-x, breakpoints, capacity). */
  private eligible(node: number): boolean {
    const t = this.jobState;
    const own = t.own;
    if (own === undefined ? t.inPartition[node] === 0 : !own.has(node)) return false;
    if (t.include !== undefined || t.exclude !== undefined) {
      const name = t.names[node]!;
      if (t.include !== undefined && !t.include.includes(name)) return false;
      if (t.exclude?.includes(name) === true) return false;
    }
    if (own !== undefined) return own.get(node)!.size < this.options.maxBreakpoints && fits(this.capacityOf![node]!, 0, t.job!.need, t.dims);
    // The rest depends on the node's class only (same map, same capacity): asked once per job.
    const cl = this.classes.classOf(node);
    if (this.memoOk[cl] !== t.stamp) this.noteUsable(cl, node);
    return this.memoOkFit[cl] === 1;
  }

  /** Note whether the job being placed may use the nodes of class `cl` (`node` is one): breakpoints and capacity. */
  private noteUsable(cl: number, node: number): void {
    const t = this.jobState;
    this.memoOk[cl] = t.stamp;
    this.memoOkFit[cl] = this.classes.of(node).size < this.options.maxBreakpoints && fits(this.capacityOf![node]!, 0, t.job!.need, t.dims) ? 1 : 0;
  }

  /**
   * Whether `units` nodes might fit the job being placed now for its whole time limit: the nodes
   * of the classes whose map fits it, counted without partition, -w/-x or capacity (an upper
   * bound, so false means the walk over the nodes would find too few). Not for exclusive jobs.
   */
  private enoughFitNow(units: number): boolean {
    const classes = this.classes;
    const live = classes.liveClasses;
    let n = 0;
    for (let k = 0; k < classes.count; k++) {
      const cl = live[k]!;
      if (this.classFitsNow(cl)) {
        n += classes.membersOf(cl);
        if (n >= units) return true;
      }
    }
    return false;
  }

  /** Whether the job being placed (not exclusive, not in a reservation) fits class `cl`'s map from now for its whole time limit. */
  private classFitsNow(cl: number): boolean {
    const t = this.jobState;
    if (this.memo[cl] !== t.stamp) {
      this.memo[cl] = t.stamp;
      this.memoFit[cl] = this.classes.mapOf(cl).fitsFromStart(t.job!.need, t.job!.limit) ? 1 : 0; // (the pass's maps start at its `now`)
    }
    return this.memoFit[cl] === 1;
  }

  /** Whether the job being placed fits on the node from now for its whole time limit. */
  private fitsNow(node: number): boolean {
    const t = this.jobState;
    const job = t.job!;
    if (t.own !== undefined) return t.own.get(node)!.fitsThrough(this.needOn(node), t.now, job.limit);
    const cl = this.classes.classOf(node);
    if (this.memo[cl] !== t.stamp) this.noteFitsNow(cl, node);
    return this.memoFit[cl] === 1;
  }

  /** Note whether the job being placed fits class `cl`'s map (`node` is one of it) from now for its whole time limit. */
  private noteFitsNow(cl: number, node: number): void {
    const t = this.jobState;
    this.memo[cl] = t.stamp;
    this.memoFit[cl] = this.classes.of(node).fitsFromStart(this.needOn(node), t.job!.limit) ? 1 : 0; // (as in classFitsNow)
  }

  /** After a start: the nodes' free CPUs now, in the sorted table. */
  private refreshFreeNow(nodes: readonly number[], count: number, now: Millis): void {
    const changes = this.tableChanges;
    changes.begin(this.freeCpuNow.length);
    for (let k = 0; k < count; k++) {
      const node = nodes[k]!;
      const was = this.freeNowOf[node]!;
      const is = this.classes.of(node).freeDimAt(now, 0);
      if (is === was) continue;
      this.freeNowOf[node] = is;
      changes.add(was, is);
    }
    if (!changes.any) return;
    changes.applyTo(this.freeCpuNow, this.freeNowOf, this.usable);
    this.freeVersion++;
  }

  /**
   * (b) of `place`: whether the job being placed preempts its way onto its fixed node set (the
   * first `units` of `chosen`), holding them and waiting for its victims.
   * (A method of its own: the arrows here would make `place` allocate a context on every call.)
   */
  private preemptOnto(c: CycleContext, job: JobRecord, units: number, now: Millis): boolean {
    const nodes = this.chosen.slice(0, units);
    const taking = this.preempt(
      c,
      job,
      nodes,
      nodes.map((node) => this.needOn(node)),
      now,
    );
    if (taking === null) return false;
    const allocation = taking.map((node) => {
      const need = this.needOn(node);
      return need.untyped.length === 0 ? need.vec : concreteAllocation(c.cluster.capacity[node]!, 0, need);
    });
    this.hold(taking, allocation, taking.length, now, now + job.limit, undefined);
    job.plannedStart = now;
    job.pendingReason = 'Waiting for Preemption';
    return true;
  }

  /**
   * The nodes the job preempts its way onto: those of victims chosen earlier while any still
   * runs, or `nodes` when new victims were chosen (and are being killed); null to plan it.
   */
  private preempt(c: CycleContext, job: JobRecord, nodes: readonly number[], needs: readonly NodeRequest[], now: Millis): readonly number[] | null {
    const policy = c.preemption!;
    const waiting = this.waiting.get(job);
    if (waiting !== undefined) {
      if (waiting.victims.some((v) => v.state === 'Running')) return waiting.nodes;
      this.waiting.delete(job);
    }
    // chooseVictims changes the maps of `nodes` (and restores them): each gets a map of its own.
    const victims = chooseVictims(job, nodes, needs, (n) => this.classes.isolate(n), c.running, policy, now);
    if (victims === null) return null;
    for (const v of victims) if (!v.ending) c.preempt(v, policy.requeues(v.qos));
    this.waiting.set(job, { victims, nodes });
    return nodes;
  }

  /** What a request takes on a node over [t0, t1): the request itself unless it names GRES by name only. */
  private allocationOn(timeline: NodeTimeline, need: NodeRequest, t0: Millis, t1: Millis): Float64Array {
    return need.untyped.length === 0 ? need.vec : concreteAllocation(timeline.minFree(t0, t1), 0, need);
  }

  /**
   * Take `allocation` on [t0, t1) from the first `count` nodes (from `own` maps inside a
   * reservation) and add it to their load. `uniform`: the same vector on every node.
   */
  private hold(nodes: readonly number[], allocation: readonly Float64Array[], count: number, t0: Millis, t1: Millis, own: ReadonlyMap<number, NodeTimeline> | undefined, uniform = false): void {
    if (own === undefined) this.classes.subtract(nodes, allocation, t0, t1, count);
    else for (let k = 0; k < count; k++) own.get(nodes[k]!)!.subtract(t0, t1, allocation[k]!);
    this.addLoads(nodes, allocation, count, (t1 - t0) / SECOND, uniform);
  }

  /**
   * Add to the first `count` nodes' load what `allocation` adds over `seconds`, and restore the
   * node order. A uniform allocation on nodes of one CPU count loads them alike: one load, no table.
   */
  private addLoads(nodes: readonly number[], allocation: readonly Float64Array[], count: number, seconds: number, uniform: boolean): void {
    const cpus = this.sameCpus;
    if (uniform && cpus === cpus && count > 0) {
      this.order!.addSame(nodes, seconds * (allocation[0]![0]! / (cpus || 1)), count); // (loadsOf's expression)
      return;
    }
    this.loadsOf(nodes, allocation, count, seconds);
    this.order!.addMany(nodes, this.loads, count);
  }

  /** Into `loads`: the load `allocation[k]` adds to `nodes[k]` over `seconds` (k below `count`). */
  private loadsOf(nodes: readonly number[], allocation: readonly Float64Array[], count: number, seconds: number): void {
    const capacity = this.capacityOf!;
    const loads = this.loads;
    // The same CPUs on nodes of the same CPUs give the same load: its two divisions made once.
    let cpus = NaN;
    let nodeCpus = NaN;
    let load = 0;
    for (let k = 0; k < count; k++) {
      const a = allocation[k]![0]!;
      const n = capacity[nodes[k]!]![0]!;
      if (a !== cpus || n !== nodeCpus) {
        cpus = a;
        nodeCpus = n;
        load = seconds * (a / (n || 1));
      }
      loads[k] = load;
    }
  }

  /**
   * How many schedulable nodes have at least `cpus` CPUs free now; the last answer is kept while
   * the table is unchanged (most jobs of a pass ask for the same CPUs per node).
   */
  private nodesFreeFor(cpus: number): number {
    if (cpus !== this.countFor || this.countVersion !== this.freeVersion) {
      this.countFor = cpus;
      this.countVersion = this.freeVersion;
      this.countOf = nodesWithAtLeast(this.freeCpuNow, cpus);
    }
    return this.countOf;
  }

  /** A membership table of a partition's nodes. */
  private partitionSet(index: number, nodes: readonly number[], size: number): Uint8Array {
    if (index === this.lastPartition && this.lastPartitionSet.length === size) return this.lastPartitionSet;
    let s = this.partitionSets.get(index);
    if (s === undefined) {
      s = new Uint8Array(size);
      for (const n of nodes) s[n] = 1;
      this.partitionSets.set(index, s);
    }
    this.lastPartition = index;
    this.lastPartitionSet = s;
    return s;
  }
}

/** How many values of an ascending array are >= x. */
function nodesWithAtLeast(sorted: Float64Array, x: number): number {
  return sorted.length - lowerBound(sorted, x);
}
