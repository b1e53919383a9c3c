/**
 * The scheduler core's public surface. Everything outside `core/` imports from here.
 * The core is deterministic and world-free: no clock, timer, randomness, I/O or `process`
 * (test/core/purity.test.ts enforces it).
 */
export { makeJobId, makeNodeId, type JobId, type NodeId } from './model/ids.js';
export { MS_PER_SECOND, millisToSeconds, secondsToMillis, type Millis } from './model/time.js';
export { assertNever, invariant } from './model/assert.js';
export type { JobOutcome, JobSpec, JobState, JobView, PendingReason, ResourceRequest } from './model/job.js';
export { uniformCluster, type ClusterSpec, type NodeSpec } from './model/cluster.js';
export type { ClusterEvent, Decision, RejectCode, SubmitResult } from './model/messages.js';
export { AvailabilityProfile, type Hold } from './placement/profile.js';
export { NodePool } from './placement/node-pool.js';
export type { BackfillFactory, BackfillPolicy, PassContext } from './policies/types.js';
export { backfillPolicies, backfillPolicyNames } from './policies/registry.js';
export { Scheduler, type SchedulerView } from './scheduler/scheduler.js';
export { Driver, type RuntimePort } from './driver/driver.js';
export { MinHeap } from './util/heap.js';
