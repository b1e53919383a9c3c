import { CraneSchedPlanner, CRANESCHED_DEFAULTS, type CraneSchedPlannerOptions } from './cranesched/planner.js';
import type { Planner } from './types.js';
import type { FairShareChoice } from '../scheduler/historical-fair-share.js';
import { clusterPriorityOrder } from '../scheduler/queue-order.js';
import type { QueueOrder } from '../scheduler/scheduler.js';
import { conservative } from './whole-node/conservative.js';
import { easy } from './whole-node/easy.js';
import { fcfs } from './whole-node/fcfs.js';
import { WholeNodePlanner } from './whole-node/planner.js';
import type { BackfillFactory } from './whole-node/types.js';

/**
 * Whole-node backfill policies by name (the literature's; reference-semantics.md). A researcher
 * adds one by writing a file that implements `BackfillPolicy` and registering its factory here.
 */
export const backfillPolicies: Readonly<Record<string, BackfillFactory>> = {
  fcfs,
  easy,
  conservative,
};

export const backfillPolicyNames = (): string[] => Object.keys(backfillPolicies);

/** Every planner by name: the whole-node policies and CraneSched's planning backfill. */
export const plannerNames = (): string[] => [...backfillPolicyNames(), 'cranesched'];

/** A fresh planner by name, or undefined for an unknown name. */
export function makePlanner(name: string, cranesched: Partial<CraneSchedPlannerOptions> = {}): Planner | undefined {
  if (name === 'cranesched') return new CraneSchedPlanner({ ...CRANESCHED_DEFAULTS, ...cranesched });
  const factory = backfillPolicies[name];
  return factory === undefined ? undefined : new WholeNodePlanner(factory());
}

/** A scheduling profile: the planner and, for CraneSched's, the queue order of the cluster file. */
export interface SchedulingProfile {
  readonly name: string;
  readonly planner: Planner;
  readonly order?: QueueOrder;
}

/**
 * A fresh profile by name: `fcfs`, `easy`, `conservative` (submission order, whole nodes) or
 * `cranesched` (CraneSched's planning backfill with the priority order the cluster file sets).
 * `fairShare` picks the multifactor fair-share source of a `cranesched` profile: CraneSched's
 * running service (default) or decayed historical usage over an account tree.
 */
export function makeProfile(
  name: string,
  cranesched: Partial<CraneSchedPlannerOptions> = {},
  qosPriority?: (qos: string) => number,
  fairShare?: FairShareChoice,
): SchedulingProfile | undefined {
  const planner = makePlanner(name, cranesched);
  if (planner === undefined) return undefined;
  return name === 'cranesched' ? { name, planner, order: clusterPriorityOrder(qosPriority, fairShare) } : { name, planner };
}
