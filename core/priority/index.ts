/**
 * Priority plugins: CraneSched's `priority/basic` (FIFO) and `priority/multifactor` (§4.6 of
 * CRANESCHED.md), the batch-size sort, and the research variant's decayed tree fair share.
 * Pure and deterministic: time is an argument.
 */
export {
  DEFAULT_MULTIFACTOR_CONFIG,
  DEFAULT_PRIORITY_WEIGHTS,
  DEFAULT_SCHEDULED_BATCH_SIZE,
  MAX_PRIORITY_MAX_AGE_MS,
  MAX_SCHEDULED_BATCH_SIZE,
  type FairShareSource,
  type MultifactorConfig,
  type MultifactorResult,
  type PriorityFactors,
  type PriorityJob,
  type PriorityResult,
  type PriorityWeights,
  type RankedJob,
} from './types.js';
export { multifactorPriorities } from './multifactor.js';
export { MultifactorTable } from './table.js';
export { basicOrder, orderByPriority, type PriorityOrder } from './order.js';
export { prioritize, type PriorityPass, type PriorityPlugin } from './plugin.js';
export { DEFAULT_DECAY_HALF_LIFE_MS, DecayedUsage, type UsageSource } from './decayed-usage.js';
export {
  ShareTree,
  decayedFairShare,
  type AccountShare,
  type DecayedFairShare,
  type FairShareEntry,
  type ShareTreeIssue,
  type ShareTreeResult,
} from './share-tree.js';
