/** Experiments: a validated YAML file of traces x variants x profiles x seeds, run in parallel, cached. */
export { loadExperiment, parseExperiment, DEFAULT_METRICS, type ExperimentLoad } from './experiment-file.js';
export { runExperiment, type ExperimentFiles, type ExperimentOutcome, type ExperimentProgress, type ExperimentRunOptions } from './run-experiment.js';
export { PROFILE_PRESETS, describeProfile, fairShareSetting, readProfile, resolveProfile, traceProfileProblem, type ProfileSpec, type ResolvedProfile } from './profiles.js';
export { BASE_VARIANT, describeVariant, scaleLoad, variantProcessors, type VariantSpec } from './variants.js';
export { DEFAULT_SHAKING, UNSHAKEN_SEED, shakeContainerJobs, shakeJobs, type ShakingParams } from './shaking.js';
export { canonicalJson, planRuns, runKey, type PlannedRun, type RunTask } from './plan.js';
export { computeRun, type RunComputation, type RunRecord } from './run-task.js';
export { RunStore } from './run-store.js';
export { runTasks, workerScript, type PoolEvent, type PoolOutcome } from './worker-pool.js';
export { codeVersion } from './code-version.js';
export { versions, repositoryRoot, type Versions } from './package-info.js';
export type { Experiment, JobsCsvMode, MetricsSpec, RunSettings, TraceSpec } from './schema.js';
export type { ExperimentResults, ProfileResult, ResultGroup, RunResult } from './results.js';
