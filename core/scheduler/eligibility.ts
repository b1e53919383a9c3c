import type { Dependency, PendingReason } from '../model/job.js';
import type { Millis } from '../model/time.js';
import type { JobRecord } from './job-record.js';

/** Whether a pending job may be considered now, and if not, why and until when. */
export interface Eligibility {
  readonly reason: PendingReason | null;
  /** When the answer may change by time alone (a begin time, a dependency delay); Infinity if never. */
  readonly until: Millis;
}

const ELIGIBLE: Eligibility = { reason: null, until: Infinity };

/**
 * CraneSched's filter before placement (§4.5 step 1), first matching reason wins: `Held`,
 * `BeginTime`, `DependencyNeverSatisfied`, `Dependency`. Dependencies: `after` fires when the job
 * it names starts, `afterok` when it ends Completed, `afternotok` when it ends otherwise,
 * `afterany` when it ends; each plus its delay. `all` needs every one; `any` needs one. A named
 * job that does not exist can never satisfy anything.
 */
export function eligibility(job: JobRecord, now: Millis, byExternalId: (id: string) => JobRecord | undefined): Eligibility {
  if (job.held) return { reason: 'Held', until: Infinity };
  const begin = job.spec.beginTime;
  if (begin !== undefined && begin > now) return { reason: 'BeginTime', until: begin };
  const deps = job.spec.dependencies;
  if (deps === undefined || deps.items.length === 0) return ELIGIBLE;
  let satisfied = 0;
  let never = 0;
  let until = Infinity;
  for (const d of deps.items) {
    const at = firesAt(d, byExternalId(d.job));
    if (at === NEVER) never++;
    else if (at <= now) satisfied++;
    else until = Math.min(until, at); // fires later by time alone, or Infinity: waits for an event
  }
  const n = deps.items.length;
  if (deps.mode === 'all') {
    if (never > 0) return { reason: 'DependencyNeverSatisfied', until: Infinity };
    if (satisfied === n) return ELIGIBLE;
  } else {
    if (satisfied > 0) return ELIGIBLE;
    if (never === n) return { reason: 'DependencyNeverSatisfied', until: Infinity };
  }
  return { reason: 'Dependency', until };
}

const NEVER = -1;

/** When the dependency is (or will be) met: a time, Infinity (not yet known), or NEVER. */
function firesAt(d: Dependency, target: JobRecord | undefined): Millis {
  if (target === undefined) return NEVER;
  const ended = Number.isFinite(target.endTime) && target.state !== 'Pending' && target.state !== 'Running';
  switch (d.type) {
    case 'after':
      return Number.isFinite(target.startTime) ? target.startTime + d.delay : ended ? NEVER : Infinity;
    case 'afterany':
      return ended ? target.endTime + d.delay : Infinity;
    case 'afterok':
      if (!ended) return Infinity;
      return target.state === 'Completed' ? target.endTime + d.delay : NEVER;
    case 'afternotok':
      if (!ended) return Infinity;
      return target.state !== 'Completed' ? target.endTime + d.delay : NEVER;
  }
}
