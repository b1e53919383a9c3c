import type { Millis } from '../../model/time.js';
import { NodeTimeline } from '../../placement/node-timeline.js';
import type { TimelineClasses } from '../../placement/timeline-classes.js';
import type { CycleContext } from '../types.js';
import { cpuShare, runningEnd } from './running-base.js';

const SECOND = 1000;

/**
 * Step 1 of a CraneSched pass from scratch (passes with reservations, preemption or shown plans;
 * the others start from RunningBase): each node's availability from now on, capacity minus
 * reservations and running jobs until their planned end, into `classes` (identical nodes share
 * one time map until their maps differ); each node's load added to `cost`; the maps inside
 * active reservations into `inside`, and the earliest reservation start per node into
 * `reservedFrom` (when there are reservations). `up` marks the schedulable nodes.
 */
export function buildAll(
  c: CycleContext,
  now: Millis,
  classes: TimelineClasses,
  cost: Float64Array,
  up: Uint8Array,
  inside: Map<string, Map<number, NodeTimeline>>,
  reservedFrom: Float64Array | null,
): void {
  const { cluster } = c;
  const { capacity, cpus } = cluster;
  const D = cluster.layout.dims;
  classes.reset(now, capacity, D, (i) => up[i] === 1);
  // Reservations: whole nodes taken over their window for everyone else; active ones get
  // their own time maps, closed at their end, for their `-r` jobs.
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
      r.nodes.length,
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
    const end = runningEnd(job, now);
    const own = job.reservation === undefined ? undefined : inside.get(job.reservation);
    if (own === undefined) {
      classes.subtract(job.nodes, job.allocation, now, end, job.nodes.length);
      for (let k = 0; k < job.nodes.length; k++) {
        const node = job.nodes[k]!;
        cost[node]! += ((end - now) / SECOND) * cpuShare(job.allocation[k]!, cpus[node]!);
      }
      continue;
    }
    const nodes: number[] = [];
    const allocation: Float64Array[] = [];
    for (let k = 0; k < job.nodes.length; k++) {
      const node = job.nodes[k]!;
      const alloc = job.allocation[k]!;
      const mapped = own.get(node);
      if (mapped !== undefined) {
        mapped.subtract(now, end, alloc); // inside the reservation, already taken from the node
        continue;
      }
      nodes.push(node);
      allocation.push(alloc);
      cost[node]! += ((end - now) / SECOND) * cpuShare(alloc, cpus[node]!);
    }
    classes.subtract(nodes, allocation, now, end, nodes.length);
  }
}
