import type { NodeRequest } from '../../model/resources.js';
import type { Millis } from '../../model/time.js';
import type { NodeTimeline } from '../../placement/node-timeline.js';
import type { JobRecord } from '../../scheduler/job-record.js';
import type { PreemptionPolicy } from '../types.js';
import { runningEnd } from './running-base.js';


/**
 * CraneSched's `TryPreempt_` (CRANESCHED.md §4.8) for a job that cannot start now, on its fixed
 * candidate node set `nodes` (needing `needs[k]` on `nodes[k]`). Candidates are running jobs whose
 * QoS is on the job's preempt list and that hold one of those nodes (reservation jobs never are);
 * no priority comparison is made. Order: jobs already ending first (their room is inherited), then
 * lower QoS priority, then the most recently started. Victims are added in that order until every
 * node can hold the job over [now, now + limit), then unneeded ones are dropped in reverse order.
 * Pending jobs planned earlier in the cycle are not candidates here (a simplification: they keep
 * their plan, and the preemptor waits behind it if it must).
 *
 * Returns the victims (ending ones included: the caller kills the others) or null when even all the
 * candidates would not make room. The timelines are left as they were.
 */
export function chooseVictims(
  job: JobRecord,
  nodes: readonly number[],
  needs: readonly NodeRequest[],
  timeline: (node: number) => NodeTimeline,
  running: readonly JobRecord[],
  policy: PreemptionPolicy,
  now: Millis,
): JobRecord[] | null {
  const targets = policy.targets(job.qos);
  if (targets.length === 0) return null;
  const onSet = new Set(nodes);
  // Jobs started at this very instant are not victims: their launch is still on its way.
  const candidates = running.filter((r) => r.startTime < now && r.spec.reservation === undefined && (r.ending || targets.includes(r.qos)) && r.nodes.some((n) => onSet.has(n)));
  if (candidates.length === 0) return null;
  candidates.sort(
    (a, b) =>
      Number(b.ending) - Number(a.ending) ||
      policy.qosPriority(a.qos) - policy.qosPriority(b.qos) ||
      b.startTime - a.startTime ||
      b.id - a.id,
  );
  // Give back (sign -1) or take again (sign +1) what a running job holds on the candidate nodes.
  const apply = (r: JobRecord, sign: number): void => {
    const end = runningEnd(r, now);
    for (let k = 0; k < r.nodes.length; k++) {
      const n = r.nodes[k]!;
      if (!onSet.has(n)) continue;
      const alloc = r.allocation[k]!;
      timeline(n).subtract(now, end, sign === 1 ? alloc : alloc.map((x) => -x));
    }
  };
  const fitsAll = (): boolean => nodes.every((n, k) => timeline(n).firstFit(needs[k]!, job.limit, now, now) === now);
  const chosen: JobRecord[] = [];
  let fit = false;
  for (const r of candidates) {
    apply(r, -1);
    chosen.push(r);
    if (fitsAll()) {
      fit = true;
      break;
    }
  }
  if (!fit) {
    for (const r of chosen) apply(r, 1);
    return null;
  }
  // Drop the victims it does not need, last added first.
  const kept: JobRecord[] = [];
  for (let i = chosen.length - 1; i >= 0; i--) {
    const r = chosen[i]!;
    apply(r, 1);
    if (fitsAll()) continue; // not needed: it keeps running and stays counted
    apply(r, -1);
    kept.push(r);
  }
  for (const r of kept) apply(r, 1);
  return kept;
}
