import type { RunTask } from './plan.js';

/** Messages between the runner and a run worker (structured-clone data). */
export type ToWorker = { readonly type: 'run'; readonly task: RunTask };

export type FromWorker =
  | { readonly type: 'progress'; readonly key: string; readonly finished: number; readonly total: number }
  | { readonly type: 'done'; readonly key: string }
  | { readonly type: 'failed'; readonly key: string; readonly message: string };

/** What the worker is started with. */
export interface WorkerSetup {
  readonly outDir: string;
}
