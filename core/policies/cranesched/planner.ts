import { concreteAllocation, fits, type NodeRequest } from '../../model/resources.js';
import type { Millis } from '../../model/time.js';
import { firstCommonFit, NodeTimeline } from '../../placement/node-timeline.js';
import type { JobRecord } from '../../scheduler/job-record.js';
import type { CycleContext, Planner } from '../types.js';
import { NodeOrder, type NodeSelection } from './node-order.js';

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
 */
export class CraneSchedPlanner implements Planner {
  readonly name = 'cranesched';
  private timelines: NodeTimeline[] = [];
  private order: NodeOrder | undefined;
  private nextCycle = -Infinity;

  constructor(private readonly options: CraneSchedPlannerOptions = CRANESCHED_DEFAULTS) {}

  cycle(c: CycleContext): void {
    const { cycle } = this.options;
    if (cycle.kind === 'interval') {
      if (c.now < this.nextCycle) return;
      this.nextCycle = (Math.floor(c.now / cycle.every) + 1) * cycle.every;
    } else if (!c.changed) {
      return;
    }
    this.pass(c);
  }

  withdrawn(): void {}

  ended(): void {}

  nextWake(now: Millis): Millis | undefined {
    const { cycle } = this.options;
    return cycle.kind === 'interval' ? Math.max(this.nextCycle, now + 1) : undefined;
  }

  private pass(c: CycleContext): void {
    const { cluster } = c;
    const now = Math.floor(c.now / SECOND) * SECOND;
    const D = cluster.layout.dims;
    if (this.timelines.length !== cluster.size) {
      this.timelines = Array.from({ length: cluster.size }, () => new NodeTimeline(D));
      this.order = new NodeOrder(cluster.size, this.options.nodeSelection);
    }
    const timelines = this.timelines;
    const order = this.order!;
    const cpuOf = (node: number): number => cluster.capacity[node]![0]! || 1;

    // 1. Each node's availability from now on: capacity minus running jobs until their planned end.
    const cost = new Float64Array(cluster.size);
    for (let i = 0; i < cluster.size; i++) {
      timelines[i]!.reset(now, cluster.capacity[i]!);
      if (!cluster.schedulable(i)) timelines[i]!.closeFrom(now);
    }
    for (const job of c.running) {
      const end = Math.max(job.startTime + job.limit, now + SECOND);
      job.nodes.forEach((node, k) => {
        const alloc = job.allocation[k]!;
        timelines[node]!.subtract(now, end, alloc);
        cost[node]! += ((end - now) / SECOND) * (alloc[0]! / cpuOf(node));
      });
    }
    const usable: number[] = [];
    for (let i = 0; i < cluster.size; i++) if (cluster.schedulable(i)) usable.push(i);
    order.reset(usable, (n) => cost[n]!);

    // The most CPU free now on any node: a job needing more cannot start now (a cheap early exit).
    let maxFreeCpuNow = 0;
    for (const i of usable) maxFreeCpuNow = Math.max(maxFreeCpuNow, timelines[i]!.freeAt(now)[0]!);

    // 2. Place each candidate in order.
    for (const job of c.candidates) {
      const partition = cluster.partitions[job.partition]!;
      const inPartition = partitionSet(partition.nodes, cluster.size);
      const eligible = (node: number): boolean => {
        if (!inPartition[node]) return false;
        const name = cluster.names[node]!;
        const req = job.spec.request;
        if (req.includeNodes !== undefined && !req.includeNodes.includes(name)) return false;
        if (req.excludeNodes?.includes(name) === true) return false;
        if (timelines[node]!.size >= MAX_BREAKPOINTS) return false;
        return fits(cluster.capacity[node]!, 0, this.needOn(job, node, cluster.capacity[node]!), D);
      };

      // (a) Start now?
      let chosen: number[] | undefined;
      if (job.need.vec[0]! <= maxFreeCpuNow || job.spec.request.exclusive === true) {
        const found: number[] = [];
        for (const node of order.nodes) {
          if (!eligible(node)) continue;
          const need = this.needOn(job, node, cluster.capacity[node]!);
          if (timelines[node]!.firstFit(need, job.limit, now, now) === now) {
            found.push(node);
            if (found.length === job.units) break;
          }
        }
        if (found.length === job.units) chosen = found;
      }
      if (chosen !== undefined) {
        const allocation = chosen.map((node) => concreteAllocation(timelines[node]!.minFree(now, now + job.limit), 0, this.needOn(job, node, cluster.capacity[node]!)));
        this.hold(job, chosen, allocation, now, now + job.limit, order, cpuOf);
        job.plannedStart = now;
        const limit = c.runLimit(job);
        if (limit !== null) {
          job.pendingReason = limit; // CraneSched checks run limits after placement: the slot stays held this cycle
        } else {
          c.start(job, chosen, allocation);
        }
        maxFreeCpuNow = 0;
        for (const i of order.nodes) maxFreeCpuNow = Math.max(maxFreeCpuNow, timelines[i]!.freeAt(now)[0]!);
        continue;
      }

      // (c) Plan on a fixed node set: the first N in node order that could ever hold it.
      const set: number[] = [];
      for (const node of order.nodes) {
        if (eligible(node)) set.push(node);
        if (set.length === job.units) break;
      }
      if (set.length < job.units) {
        job.plannedStart = Infinity;
        job.pendingReason = 'Resource';
        continue;
      }
      const needs = set.map((node) => this.needOn(job, node, cluster.capacity[node]!));
      const at = firstCommonFit(
        set.map((n) => timelines[n]!),
        needs,
        job.limit,
        now,
        now + this.options.horizon,
      );
      if (at === Infinity) {
        job.plannedStart = Infinity;
        job.pendingReason = 'Resource';
        continue;
      }
      // Was it resources that are not there now, or resources promised to earlier jobs?
      const freeNowFits = set.every((node, k) => fits(timelines[node]!.freeAt(now), 0, needs[k]!, D));
      const allocation = set.map((node, k) => concreteAllocation(timelines[node]!.minFree(at, at + job.limit), 0, needs[k]!));
      this.hold(job, set, allocation, at, at + job.limit, order, cpuOf);
      job.plannedStart = at;
      job.pendingReason = freeNowFits ? 'Priority' : 'Resource';
    }
  }

  /** What the job needs on `node`: its request, or the whole node for `--exclusive`. */
  private needOn(job: JobRecord, node: number, capacity: Float64Array): NodeRequest {
    void node;
    return job.spec.request.exclusive === true ? { vec: capacity, untyped: [] } : job.need;
  }

  private hold(job: JobRecord, nodes: readonly number[], allocation: readonly Float64Array[], t0: Millis, t1: Millis, order: NodeOrder, cpuOf: (n: number) => number): void {
    nodes.forEach((node, k) => {
      this.timelines[node]!.subtract(t0, t1, allocation[k]!);
      order.add(node, ((t1 - t0) / SECOND) * (allocation[k]![0]! / cpuOf(node)));
    });
    void job;
  }
}

/** A membership table for a partition's nodes (cached per partition array). */
const sets = new WeakMap<readonly number[], Uint8Array>();
function partitionSet(nodes: readonly number[], size: number): Uint8Array {
  let s = sets.get(nodes);
  if (s === undefined) {
    s = new Uint8Array(size);
    for (const n of nodes) s[n] = 1;
    sets.set(nodes, s);
  }
  return s;
}
