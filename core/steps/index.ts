/**
 * Steps of a job, CraneSched style: the daemon/Pod step 0, the primary step 1, common steps 2+,
 * the job's step pool, the step and job state machines and CraneSched's exit codes. Pure: no clock,
 * timers, randomness or I/O. docs/container-jobs.md describes the model and the choices.
 */
export {
  DAEMON_STEP_ID,
  FIRST_COMMON_STEP_ID,
  JOB_KINDS,
  PRIMARY_STEP_ID,
  makeStepId,
  type ContainerMeta,
  type EntryPoint,
  type JobKind,
  type NetworkMode,
  type PodMeta,
  type PortMapping,
  type PortProtocol,
  type PullPolicy,
  type StepId,
  type StepPayload,
} from './meta.js';
export {
  CRANE_CODE_BASE,
  CRANE_EXIT,
  SIGKILL,
  SIGNAL_BASE,
  SIGTERM,
  classifyExitCode,
  containerExit,
  formatExitCode,
  processExit,
  signalExitCode,
  type CraneExitName,
  type ExitCodeClass,
  type StepEnd,
} from './exit-codes.js';
export { TERMINAL_STEP_STATUSES, aggregateNodeEnds, isTerminal, type JobStepsStatus, type StepStatus, type TerminalStepStatus } from './status.js';
export { limitEndsAt, newStep, stepTransition, type StepEvent, type StepRecord, type StepRole, type StepTransition } from './step-machine.js';
export { StepPool, type PoolCheck, type StepPlacement, type StepRejectCode, type StepRequest } from './step-pool.js';
export { checkAppendedPayload, checkJobShape, entryPointOf, primaryPlacement, type JobStepsSpec, type PrimaryPlacement } from './entry-points.js';
export type { CommonStepSpec, JobStepEvent, StepAction, StepOrder, StepOutcome, SubmitStepResult } from './actions.js';
export { CANCELLED, JobSteps, MIN_STEP_TIME_LIMIT, NODE_DOWN_END, TIME_LIMIT_END, type DaemonStatus, type JobStepsOptions, type JobStepsView } from './job-steps.js';
export { STEP_EVENT_TYPES, type StepClusterEvent, type StepDecision } from './messages.js';
