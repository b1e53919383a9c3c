import { concreteAllocation, fits, type NodeRequest } from '../../model/resources.js';
import type { Millis } from '../../model/time.js';
import { firstCommonFit, NodeTimeline } from '../../placement/node-timeline.js';
import { TimelineClasses } from '../../placement/timeline-classes.js';
import type { JobRecord } from '../../scheduler/job-record.js';
import type { CycleContext, Planner } from '../types.js';
import { NodeOrder, type NodeSelection } from './node-order.js';
import { chooseVictims } from './preemption.js';

export interface CraneSchedPlannerOptions {
  /** `least-loaded` (CraneSched's MinCpuTimeRatioFirst) or `pack`. */
  readonly nodeSelection: NodeSelection;
  /** How far ahead a job may be planned (CraneSched: 7 days, `kAlgoMaxTimeWindow`). */
  readonly horizon: Millis;
  /** Cycles after every change (`event`, the default) or on a fixed interval like CraneSched (1 s). */
  readonly cycle: { readonly kind: 'event' } | { readonly kind: 'interval'; readonly every: Millis };
}

export const CRANESCHED_DEFAULTS: CraneSchedPlannerOptions = {
  nodeSelection: 'least-loaded',
  horizon: 7 * 86_400_000,
  cycle: { kind: 'event' },
};

/** CraneSched skips nodes whose time map already has this many breakpoints. */
const MAX_BREAKPOINTS = 1000;
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
  private readonly classes = new TimelineClasses();
  private order: NodeOrder | undefined;
  private capacityOf: readonly Float64Array[] | undefined;
  // Per-pass scratch, sized to the cluster: node loads, free CPUs now, per-class answers for one job.
  private cost = new Float64Array(0);
  private freeNowOf = new Float64Array(0);
  private memo = new Int32Array(0);
  private memoFit = new Uint8Array(0);
  private seen = new Int32Array(0);
  private stamp = 0;
  private nextCycle = -Infinity;
  /** Event mode: something changed, one pass runs at the end of the instant. Interval mode: work is waiting for the next tick. */
  private dirty = false;
  private readonly partitionSets = new Map<number, Uint8Array>();
  /** Preemptors waiting for their victims to leave, with the nodes they will take. */
  private readonly waiting = new Map<JobRecord, { readonly victims: readonly JobRecord[]; readonly nodes: readonly number[] }>();
  readonly reservations = true;

  constructor(private readonly options: CraneSchedPlannerOptions = CRANESCHED_DEFAULTS) {}

  cycle(c: CycleContext): void {
    const { cycle } = this.options;
    if (cycle.kind === 'interval') {
      // Like CraneSched's timer: a pass on every tick; ticks are only asked for while there is work.
      if (c.changed) this.dirty = true;
      if (c.now < this.nextCycle) return;
      this.nextCycle = (Math.floor(c.now / cycle.every) + 1) * cycle.every;
      this.dirty = c.candidates.length > 0;
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
    if (c.candidates.length === 0) return; // nothing to place: the time maps would go unread
    const { cluster } = c;
    const now = Math.floor(c.now / SECOND) * SECOND;
    const D = cluster.layout.dims;
    if (this.order === undefined || this.cost.length !== cluster.size) {
      this.order = new NodeOrder(cluster.size, this.options.nodeSelection);
      this.cost = new Float64Array(cluster.size);
      this.freeNowOf = new Float64Array(cluster.size);
      this.memo = new Int32Array(TimelineClasses.maxClasses(cluster.size));
      this.memoFit = new Uint8Array(TimelineClasses.maxClasses(cluster.size));
      this.seen = new Int32Array(TimelineClasses.maxClasses(cluster.size));
    }
    const classes = this.classes;
    const order = this.order;
    const capacity = cluster.capacity;
    this.capacityOf = capacity;
    const cpuOf = (node: number): number => capacity[node]![0]! || 1;

    // 1. Each node's availability from now on: capacity minus running jobs until their planned end.
    //    Identical nodes share one time map (TimelineClasses) until their maps differ.
    const cost = this.cost.fill(0);
    classes.reset(now, capacity, D, (i) => cluster.schedulable(i));
    // Reservations: whole nodes taken over their window for everyone else; active ones get
    // their own time maps, closed at their end, for their `-r` jobs.
    const inside = new Map<string, Map<number, NodeTimeline>>();
    // Per node, the earliest start of a reservation on it (only built when there are reservations).
    const reservedFrom = c.reservations.length === 0 ? null : new Float64Array(cluster.size).fill(Infinity);
    for (const r of c.reservations) {
      if (r.end <= now) continue;
      const active = r.start <= now;
      const own = active ? new Map<number, NodeTimeline>() : undefined;
      if (own !== undefined) inside.set(r.name, own);
      const from = Math.max(r.start, now);
      classes.subtract(
        r.nodes,
        r.nodes.map((node) => capacity[node]!),
        from,
        r.end,
      );
      for (const node of r.nodes) {
        cost[node]! += (r.end - from) / SECOND;
        reservedFrom![node] = Math.min(reservedFrom![node]!, r.start);
        if (own !== undefined) {
          const t = new NodeTimeline(D);
          t.reset(now, capacity[node]!);
          if (!cluster.schedulable(node)) t.closeFrom(now);
          t.closeFrom(r.end);
          own.set(node, t);
        }
      }
    }
    for (const job of c.running) {
      const end = Math.max(job.startTime + job.limit, now + SECOND);
      const own = job.spec.reservation === undefined ? undefined : inside.get(job.spec.reservation);
      if (own === undefined) classes.subtract(job.nodes, job.allocation, now, end);
      const nodes: number[] = [];
      const allocation: Float64Array[] = [];
      for (let k = 0; k < job.nodes.length; k++) {
        const node = job.nodes[k]!;
        const alloc = job.allocation[k]!;
        const mapped = own?.get(node);
        if (mapped !== undefined) {
          mapped.subtract(now, end, alloc); // inside the reservation, already taken from the node
          continue;
        }
        if (own !== undefined) {
          nodes.push(node);
          allocation.push(alloc);
        }
        cost[node]! += ((end - now) / SECOND) * (alloc[0]! / cpuOf(node));
      }
      if (own !== undefined) classes.subtract(nodes, allocation, now, end);
    }
    const usable: number[] = [];
    for (let i = 0; i < cluster.size; i++) if (cluster.schedulable(i)) usable.push(i);
    order.reset(usable, (n) => cost[n]!);

    // CPUs free now per node, sorted: a job cannot start now unless N nodes have its CPUs free
    // now (a cheap early exit before walking the nodes). Free CPUs now only shrink during a pass,
    // so values not yet updated are upper bounds and the exit stays exact; the nodes a job starts
    // on are updated.
    const freeNowOf = this.freeNowOf;
    const freeCpuNow = new Float64Array(usable.length);
    for (let i = 0; i < usable.length; i++) freeCpuNow[i] = freeNowOf[usable[i]!] = classes.of(usable[i]!).freeDimAt(now, 0);
    freeCpuNow.sort();
    const refreshFreeNow = (nodes: readonly number[]): void => {
      for (const node of nodes) {
        const was = freeNowOf[node]!;
        const is = classes.of(node).freeDimAt(now, 0);
        if (is !== was) {
          freeNowOf[node] = is;
          replaceSorted(freeCpuNow, was, is);
        }
      }
    };

    // 2. Place each candidate in order.
    const chosen: number[] = [];
    const { memo, memoFit, seen } = this;
    // Preemptors waiting for their victims go first: the room their victims leave is theirs
    // (CraneSched's preemptor keeps its slot until it launches).
    const candidates = this.waiting.size === 0 ? c.candidates : [...c.candidates.filter((j) => this.waiting.has(j)), ...c.candidates.filter((j) => !this.waiting.has(j))];
    for (const job of candidates) {
      const inPartition = this.partitionSet(job.partition, cluster.partitions[job.partition]!.nodes, cluster.size);
      let own: Map<number, NodeTimeline> | undefined;
      if (job.spec.reservation !== undefined) {
        if (c.reservation(job.spec.reservation) === undefined) {
          this.waiting.delete(job);
          job.plannedStart = Infinity;
          job.pendingReason = 'Reservation deleted';
          continue;
        }
        own = inside.get(job.spec.reservation);
        if (own === undefined) {
          // Not active yet: reservation jobs are placed only inside an active reservation.
          job.plannedStart = Infinity;
          job.pendingReason = 'Resource';
          continue;
        }
      }
      const timeline = own === undefined ? (node: number): NodeTimeline => classes.of(node) : (node: number): NodeTimeline => own.get(node)!;
      const exclusive = job.spec.request.exclusive === true;
      const { includeNodes, excludeNodes } = job.spec.request;
      const filtered = includeNodes !== undefined || excludeNodes !== undefined;
      const eligible = (node: number): boolean => {
        if (own === undefined ? inPartition[node] === 0 : !own.has(node)) return false;
        if (filtered) {
          const name = cluster.names[node]!;
          if (includeNodes !== undefined && !includeNodes.includes(name)) return false;
          if (excludeNodes?.includes(name) === true) return false;
        }
        if (timeline(node).size >= MAX_BREAKPOINTS) return false;
        return exclusive || fits(capacity[node]!, 0, job.need, D);
      };
      const needOn = (node: number): NodeRequest => (exclusive ? { vec: capacity[node]!, untyped: [] } : job.need);
      // Nodes of one class answer alike (same map, same capacity, so the same request): ask once per job.
      const stamp = ++this.stamp;
      const fitsNow =
        own === undefined
          ? (node: number): boolean => {
              const k = classes.classOf(node);
              if (memo[k] !== stamp) {
                memo[k] = stamp;
                memoFit[k] = classes.of(node).firstFit(needOn(node), job.limit, now, now) === now ? 1 : 0;
              }
              return memoFit[k] === 1;
            }
          : (node: number): boolean => own.get(node)!.firstFit(needOn(node), job.limit, now, now) === now;

      // (a) Start now: N nodes, in node order, each free for the whole time limit.
      chosen.length = 0;
      if (exclusive || own !== undefined || nodesWithAtLeast(freeCpuNow, job.need.vec[0]!) >= job.units) {
        const ordered = order.nodes;
        for (let i = 0; i < ordered.length; i++) {
          const node = ordered[i]!;
          if (!eligible(node)) continue;
          if (fitsNow(node)) {
            chosen.push(node);
            if (chosen.length === job.units) break;
          }
        }
      }
      if (chosen.length === job.units) {
        const nodes = chosen.slice();
        const allocation = nodes.map((node) => this.allocationOn(timeline(node), needOn(node), now, now + job.limit));
        this.hold(nodes, allocation, now, now + job.limit, own);
        this.waiting.delete(job);
        job.plannedStart = now;
        const limit = c.runLimit(job);
        if (limit !== null) job.pendingReason = limit; // run limits come after placement: the slot stays held this cycle
        else c.start(job, nodes, allocation);
        if (own === undefined) refreshFreeNow(nodes);
        continue;
      }

      // (c) Plan on a fixed node set: the first N in node order that could ever hold it.
      chosen.length = 0;
      const ordered = order.nodes;
      for (let i = 0; i < ordered.length; i++) {
        const node = ordered[i]!;
        if (eligible(node)) chosen.push(node);
        if (chosen.length === job.units) break;
      }
      if (chosen.length < job.units) {
        job.plannedStart = Infinity;
        job.pendingReason = 'Resource';
        continue;
      }
      const nodes = chosen.slice();
      const needs = nodes.map(needOn);

      // (b) Preemption: victims on the fixed node set; the job waits for them to leave.
      const taking = c.preemption !== null && own === undefined ? this.preempt(c, job, nodes, needs, now) : null;
      if (taking !== null) {
        const allocation = taking.map((node) => {
          const need = needOn(node);
          return need.untyped.length === 0 ? need.vec : concreteAllocation(capacity[node]!, 0, need);
        });
        this.hold(taking, allocation, now, now + job.limit, undefined);
        job.plannedStart = now;
        job.pendingReason = 'Waiting for Preemption';
        continue;
      }

      // The earliest common fit, asked once per distinct map (nodes of a class answer alike).
      const maps: NodeTimeline[] = [];
      const mapNeeds: NodeRequest[] = [];
      for (let k = 0; k < nodes.length; k++) {
        const node = nodes[k]!;
        if (own === undefined) {
          const cl = classes.classOf(node);
          if (seen[cl] === stamp) continue;
          seen[cl] = stamp;
        }
        maps.push(timeline(node));
        mapNeeds.push(needs[k]!);
      }
      const at = firstCommonFit(maps, mapNeeds, job.limit, now, now + this.options.horizon);
      if (at === Infinity) {
        job.plannedStart = Infinity;
        job.pendingReason = 'Resource';
        continue;
      }
      // Resources that are not there now, or resources promised to jobs placed before it?
      const freeNowFits = maps.every((map, k) => map.fitsAt(now, mapNeeds[k]!));
      const allocation = nodes.map((node, k) => this.allocationOn(timeline(node), needs[k]!, at, at + job.limit));
      this.hold(nodes, allocation, at, at + job.limit, own);
      job.plannedStart = at;
      const reserved = reservedFrom !== null && own === undefined && nodes.some((node) => reservedFrom[node]! < now + job.limit);
      job.pendingReason = reserved ? 'Resource Reserved' : freeNowFits ? 'Priority' : 'Resource';
    }
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

  /** Take `allocation` on [t0, t1) from the nodes (from `own` maps inside a reservation) and add it to their load. */
  private hold(nodes: readonly number[], allocation: readonly Float64Array[], t0: Millis, t1: Millis, own: ReadonlyMap<number, NodeTimeline> | undefined): void {
    if (own === undefined) this.classes.subtract(nodes, allocation, t0, t1);
    else for (let k = 0; k < nodes.length; k++) own.get(nodes[k]!)!.subtract(t0, t1, allocation[k]!);
    const capacity = this.capacityOf!;
    const loads: number[] = [];
    for (let k = 0; k < nodes.length; k++) {
      const node = nodes[k]!;
      loads.push(((t1 - t0) / SECOND) * (allocation[k]![0]! / (capacity[node]![0]! || 1)));
    }
    this.order!.addMany(nodes, loads);
  }

  /** A membership table of a partition's nodes. */
  private partitionSet(index: number, nodes: readonly number[], size: number): Uint8Array {
    let s = this.partitionSets.get(index);
    if (s === undefined) {
      s = new Uint8Array(size);
      for (const n of nodes) s[n] = 1;
      this.partitionSets.set(index, s);
    }
    return s;
  }
}

/** How many values of an ascending array are >= x. */
function nodesWithAtLeast(sorted: Float64Array, x: number): number {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (sorted[m]! < x) a = m + 1;
    else b = m;
  }
  return sorted.length - a;
}

/** Replace one occurrence of `was` by the smaller `is` in an ascending array, keeping it sorted. */
function replaceSorted(sorted: Float64Array, was: number, is: number): void {
  const i = lowerBound(sorted, was);
  const j = lowerBound(sorted, is);
  if (is > was) {
    // Not expected (free CPUs only shrink within a pass), but kept correct.
    sorted.copyWithin(i, i + 1, j);
    sorted[j - 1] = is;
    return;
  }
  sorted.copyWithin(j + 1, j, i);
  sorted[j] = is;
}

function lowerBound(sorted: Float64Array, x: number): number {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (sorted[m]! < x) a = m + 1;
    else b = m;
  }
  return a;
}
