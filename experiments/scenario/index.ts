/**
 * Scenarios in the simulator: a loaded scenario (traces/scenario) turned into a simulation with
 * CraneSched's accounts admission, the profile's planner and queue order, the workload as
 * simulator jobs and the admin events as timed commands.
 */
export { mapAdminEvents, UNSUPPORTED_EVENTS, type MappedEvents } from './admin-events.js';
export { perNodeRequest, SimJobMapper, toSimJob, type MappedJob, type ShortLimits, type SpecContext } from './job-spec.js';
export { formatUnsupported, prepareScenario, type Prepared, type PreparedScenario, type PrepareOptions, type Unsupported } from './prepare.js';
export { profileOrder, profilePlanner, resolveProfile, type FairShareSetting, type ProfileResult, type ResolvedProfile } from './profile.js';
export { runScenario, type ScenarioRun } from './run.js';
