/** The container workload format (JSON Lines, one Pod job per line): types, validating reader, canonical writer. */
export type {
  AppendedStep,
  AppendMode,
  ContainerJob,
  ContainerPrimary,
  ContainerSpec,
  ContainerStep,
  CrunStep,
  DependencyType,
  GresRequest,
  JobDependency,
  JobResources,
  MetaValue,
  NetworkMode,
  PodMeta,
  PortMapping,
  PortProtocol,
  PrimaryStep,
  PullPolicy,
  ScriptPrimary,
  StepResources,
  StepRun,
} from './types.js';
export { DEPENDENCY_TYPES, NETWORK_MODES, PORT_PROTOCOLS, PULL_POLICIES } from './types.js';
export {
  containersOf,
  loadContainerWorkload,
  parseContainerJobLine,
  readContainerWorkload,
  type ContainerLoadResult,
  type ContainerReadOptions,
  type ContainerReadResult,
  type ContainerReadSummary,
  type JobLineResult,
  type LineSource,
} from './reader.js';
export { formatContainerJob, formatContainerWorkload, writeContainerWorkload } from './writer.js';
export { formatGres, parseCpu, parseGres, parseMemory, parseTimeLimit, type Parsed } from './values.js';
export { containerJobsToSim, type ContainerJobDefaults, type ToSimResult } from './to-sim.js';
