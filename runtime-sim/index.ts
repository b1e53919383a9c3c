/** The discrete-event simulated cluster: replays a workload through the core's shared driver. */
export { REPLAY_CLOCK_ORIGIN, simulate, Simulation, type SimNotice, type TimedAdminCommand, type Rejection, type SimulationOptions, type SimulationResult } from './simulation.js';
export { EventQueue, EventRank } from './event-queue.js';
export { ScheduleValidator } from './validator.js';
export { EXIT_TIME_LIMIT, sortBySubmit, type SimJob } from './workload.js';
export { PodRuntime, type PodRuntimePort } from './pod-runtime.js';
export type { PodStats, StepRow } from './step-rows.js';
export type { SimAppendedStep, SimStepsWork, StepAppend, StepWork } from './steps-work.js';
export {
  CONTAINER_COST_SOURCES,
  DEFAULT_CONTAINER_COSTS,
  EXIT_PREPARE_FAILED,
  planContainerStart,
  pullDuration,
  resolveContainerCosts,
  type ContainerCosts,
} from './container-costs.js';
export { ImageCache, effectivePullPolicy } from './image-cache.js';
