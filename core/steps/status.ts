import type { StepEnd } from './exit-codes.js';

/**
 * Step statuses, CraneSched's names (`JobStatus` enum, §2.3/2.4). A step goes Pending -> Configuring
 * (nodes chosen; the step's supervisors prepare it: image pull, container create) -> Running (every
 * node started it) -> Completing (a node ended it or a kill was sent) -> one terminal status.
 */
export type StepStatus = 'Pending' | 'Configuring' | 'Running' | 'Completing' | TerminalStepStatus;
export type TerminalStepStatus = 'Completed' | 'Failed' | 'ExceedTimeLimit' | 'Cancelled' | 'OutOfMemory' | 'Deadline';
export const TERMINAL_STEP_STATUSES: readonly TerminalStepStatus[] = ['Completed', 'Failed', 'ExceedTimeLimit', 'Cancelled', 'OutOfMemory', 'Deadline'];

/**
 * Job statuses as the controller shows them. Configuring lasts until the primary step runs (Pod
 * start and image pulls included); Completing is the time between the primary's end and the
 * daemon's (Pod's) teardown. The job's terminal status is its primary's.
 */
export type JobStepsStatus = 'Configuring' | 'Running' | 'Completing' | TerminalStepStatus;

export function isTerminal(s: StepStatus): s is TerminalStepStatus {
  return s !== 'Pending' && s !== 'Configuring' && s !== 'Running' && s !== 'Completing';
}

/**
 * The status and exit code of a step from its per-node terminal reports (§2.4, §2.9): a
 * non-Completed report beats Completed, and among the reports that win, the largest exit code
 * decides (ties: the later report). Choice: CraneSched's code takes the *most recent* error while
 * its docs say "the largest code"; we take the largest so that the result does not depend on the
 * order in which same-time node reports arrive (docs/container-jobs.md, choice C3).
 */
export function aggregateNodeEnds(reports: readonly StepEnd[]): StepEnd {
  let best: StepEnd | undefined;
  for (const r of reports) {
    if (best === undefined) {
      best = r;
      continue;
    }
    const rBad = r.status !== 'Completed';
    const bBad = best.status !== 'Completed';
    if (rBad !== bBad) {
      if (rBad) best = r;
    } else if (r.exitCode >= best.exitCode) best = r;
  }
  if (best === undefined) throw new Error('aggregateNodeEnds: no node reports');
  return best;
}
