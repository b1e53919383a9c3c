/**
 * Scenarios: a cluster file, an accounts file, a workload (hand-written jobs, SWF with a name
 * mapping, or the Slurm simulator's variant) and timed admin events, loaded and validated together.
 */
export { loadScenario, scenarioInputFiles, type Scenario, type ScenarioResult } from './load.js';
export { readScenarioSpec, FAIR_SHARE_SOURCES, PROFILE_AXES, SCENARIO_KEYS, type FairShareName, type ProfileAxis, type ScenarioProfile, type ScenarioSpec } from './scenario-spec.js';
export type { Dependency, DependencyItem, DependencyType, JobRequest, MemoryRequest, ScenarioJob } from './job.js';
export { formatDependency, parseDelay, parseDependency } from './dependency.js';
export { JOB_KEYS, readHandWrittenJob } from './job-fields.js';
export { resolveTasks } from './tasks.js';
export { applyRule, MAPPING_TARGETS, readMapping, type Mapping, type MappingRule, type MappingSchema, type MappingTarget } from './mapping.js';
export { readWorkloadSpec, SWF_SCHEMA, VARIANT_SCHEMA, type MemoryMapping, type TraceOptions, type WorkloadSpec } from './workload-spec.js';
export { MAX_TRACE_ISSUES, type Workload, type WorkloadResult } from './workload.js';
export { checkJobReferences, inlineJobs, loadJobsFile, readJobList } from './workload-jobs.js';
export { loadSwfJobs } from './workload-swf.js';
export { loadVariantJobs } from './workload-variant.js';
export {
  ADMIN_EVENT_TYPES,
  sortEvents,
  type AccountModify,
  type AdminEvent,
  type AdminEventType,
  type JobCancel,
  type JobHold,
  type JobRelease,
  type NameAcl,
  type NodeStateChange,
  type PartitionModify,
  type QosModify,
  type ReservationCreate,
  type ReservationDelete,
  type UserModify,
} from './events.js';
export { readEvents } from './events-read.js';
export type { EventContext } from './event-context.js';
export { checkJobNames } from './check-jobs.js';
