import { assertNever } from '../model/assert.js';
import { multifactorPriorities } from './multifactor.js';
import { basicOrder, orderByPriority, type PriorityOrder } from './order.js';
import type { MultifactorConfig, MultifactorResult, PriorityJob } from './types.js';

/** `PriorityType`: which plugin orders the pending queue (CRANESCHED.md §4.5 step 6). */
export type PriorityPlugin =
  | { readonly type: 'priority/basic' }
  | { readonly type: 'priority/multifactor'; readonly config: MultifactorConfig };

/** One cycle's ordering: the batch, the cut (reason `Priority`), and per pending job its priority and factors. */
export interface PriorityPass extends PriorityOrder {
  /** One per pending job, in input order (see `multifactorPriorities`); empty for `priority/basic`. */
  readonly results: readonly MultifactorResult[];
}

/**
 * Runs one plugin over the current jobs (pending and running) at `nowMs` and truncates to
 * `batchSize` (`ScheduledBatchSize`). Pure: same inputs, same output.
 */
export function prioritize(plugin: PriorityPlugin, jobs: readonly PriorityJob[], nowMs: number, batchSize: number): PriorityPass {
  switch (plugin.type) {
    // The order's fields copied by name: a spread into a larger literal is a slow path in V8, and this runs every cycle.
    case 'priority/basic': {
      const order = basicOrder(jobs, batchSize);
      return { scheduled: order.scheduled, cut: order.cut, results: [] };
    }
    case 'priority/multifactor': {
      const results = multifactorPriorities(jobs, plugin.config, nowMs);
      const order = orderByPriority(results, batchSize);
      return { scheduled: order.scheduled, cut: order.cut, results };
    }
    default:
      return assertNever(plugin, 'priority plugin');
  }
}
