/**
 * The scheduler core's public surface. Everything outside `core/` imports from here.
 * The core is deterministic and world-free: no clock, timer, randomness, I/O or `process`
 * (test/core/purity.test.ts enforces it).
 */
export { makeJobId, makeNodeId, type JobId, type NodeId } from './model/ids.js';
export { expandRuns, NO_RUNS, runsInclude, runsLength, runsOf, type NodeRuns } from './model/node-runs.js';
export { MS_PER_SECOND, millisToSeconds, secondsToMillis, type Millis } from './model/time.js';
export { assertNever, violated } from './model/assert.js';
export type {
  Dependencies,
  Dependency,
  DependencyType,
  JobOutcome,
  JobSpec,
  JobState,
  JobView,
  LimitReason,
  PendingReason,
  PriorityFactorsView,
  ResourceRequest,
} from './model/job.js';
export { liftedOnlyFromOutside } from './model/job.js';
export { uniformCluster, type ClusterSpec } from './model/cluster.js';
export type { AccountsCommand, AdminCommand, AdminResult, ClusterEvent, Decision, RejectCode, SubmitResult } from './model/messages.js';
export { ResourceLayout, fits, type NodeRequest } from './model/resources.js';
export { ClusterState, type NodeState, type PartitionState } from './cluster/cluster-state.js';
export { AvailabilityProfile, type Hold } from './placement/profile.js';
export { NodePool } from './placement/node-pool.js';
export { NodeTimeline, firstCommonFit } from './placement/node-timeline.js';
export { TimelineClasses } from './placement/timeline-classes.js';
export type { CycleContext, Planner } from './policies/types.js';
export type { BackfillFactory, BackfillPolicy, PassContext } from './policies/whole-node/types.js';
export { WholeNodePlanner } from './policies/whole-node/planner.js';
export { CraneSchedPlanner, CRANESCHED_DEFAULTS, type CraneSchedPlannerOptions } from './policies/cranesched/planner.js';
export { NodeOrder, type NodeSelection } from './policies/cranesched/node-order.js';
export { backfillPolicies, backfillPolicyNames, makePlanner, makeProfile, plannerNames, type SchedulingProfile } from './policies/registry.js';
export { Scheduler, type QueueOrder, type SchedulerOptions, type SchedulerView } from './scheduler/scheduler.js';
export type { AdmissionCheck, AdmissionPolicy } from './scheduler/admission.js';
export type { NodeView } from './scheduler/node-view.js';
export { Driver, type RuntimePort } from './driver/driver.js';
export { MinHeap } from './util/heap.js';
export { clusterPriorityOrder, priorityQueueOrder } from './scheduler/queue-order.js';
export { HistoricalFairShare, type FairShareChoice } from './scheduler/historical-fair-share.js';
export * from './priority/index.js';
export * from './accounts/index.js';
export * from './steps/index.js';
