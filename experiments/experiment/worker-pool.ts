import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { repositoryRoot } from './package-info.js';
import type { RunTask } from './plan.js';
import { computeRun } from './run-task.js';
import { RunStore } from './run-store.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js';

/** What the pool tells its caller while it works. */
export type PoolEvent =
  | { readonly type: 'started'; readonly key: string }
  | { readonly type: 'progress'; readonly key: string; readonly finished: number; readonly total: number }
  | { readonly type: 'done'; readonly key: string }
  | { readonly type: 'failed'; readonly key: string; readonly message: string };

export interface PoolOptions {
  /** Worker threads; 0 computes in this thread (debugging, tests of the pure path). */
  readonly workers: number;
  readonly outDir: string;
  readonly onEvent?: (event: PoolEvent) => void;
  /** Stops handing out runs and terminates the workers; finished runs stay stored. */
  readonly signal?: AbortSignal;
}

export interface PoolOutcome {
  readonly completed: readonly string[];
  readonly failed: readonly { readonly key: string; readonly message: string }[];
  /** True when the signal stopped the pool before every task ran. */
  readonly aborted: boolean;
}

/**
 * The compiled worker script. Workers always run compiled JavaScript from dist/ (under vitest the
 * sources are TypeScript, which a worker thread cannot load): build first. From the bundled bin
 * (tools/bundle.mjs) it is the bundled worker beside it, which loads a few files, not ~100 modules.
 */
export function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  const script = here.endsWith('.mjs')
    ? join(here, '..', 'run-worker.mjs')
    : here.endsWith('.js')
      ? join(here, '..', 'run-worker.js')
      : join(repositoryRoot(), 'dist', 'experiments', 'experiment', 'run-worker.js');
  if (!existsSync(script)) throw new Error(`the run worker is not built: ${script} is missing (run 'npm run build')`);
  return script;
}

/** Runs tasks on `workers` threads, each task once, and stores each result as it finishes. */
export async function runTasks(tasks: readonly RunTask[], options: PoolOptions): Promise<PoolOutcome> {
  if (options.workers === 0) return runInThread(tasks, options);
  const completed: string[] = [];
  const failed: { key: string; message: string }[] = [];
  const queue = [...tasks];
  const count = Math.min(options.workers, queue.length);
  const script = workerScript();
  const workers: Worker[] = [];
  let aborted = false;
  await new Promise<void>((resolveAll, rejectAll) => {
    let live = count;
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      void Promise.all(workers.map((w) => w.terminate())).then(() => (error === undefined ? resolveAll() : rejectAll(error)));
    };
    const onAbort = (): void => {
      aborted = true;
      finish();
    };
    if (options.signal?.aborted === true) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    const feed = (worker: Worker): void => {
      const task = aborted ? undefined : queue.shift();
      if (task === undefined) {
        if (--live === 0) finish();
        return;
      }
      options.onEvent?.({ type: 'started', key: task.key });
      worker.postMessage({ type: 'run', task } satisfies ToWorker);
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, { workerData: { outDir: options.outDir } satisfies WorkerSetup });
      workers.push(worker);
      worker.on('message', (m: FromWorker) => {
        if (settled) return;
        switch (m.type) {
          case 'progress':
            options.onEvent?.(m);
            return;
          case 'done':
            completed.push(m.key);
            options.onEvent?.(m);
            feed(worker);
            return;
          case 'failed':
            failed.push({ key: m.key, message: m.message });
            options.onEvent?.(m);
            feed(worker);
            return;
        }
      });
      worker.on('error', (e) => finish(e));
      worker.on('exit', (code) => {
        if (!settled && code !== 0) finish(new Error(`a run worker exited with code ${code}`));
      });
      feed(worker);
    }
    if (count === 0) finish();
  });
  return { completed, failed, aborted };
}

async function runInThread(tasks: readonly RunTask[], options: PoolOptions): Promise<PoolOutcome> {
  const store = new RunStore(options.outDir);
  const completed: string[] = [];
  const failed: { key: string; message: string }[] = [];
  for (const task of tasks) {
    if (options.signal?.aborted === true) return { completed, failed, aborted: true };
    options.onEvent?.({ type: 'started', key: task.key });
    const run = await computeRun(task, (finished, total) => options.onEvent?.({ type: 'progress', key: task.key, finished, total }));
    if (!run.ok) {
      failed.push({ key: task.key, message: run.message });
      options.onEvent?.({ type: 'failed', key: task.key, message: run.message });
      continue;
    }
    store.save(task, run.record, run.result);
    completed.push(task.key);
    options.onEvent?.({ type: 'done', key: task.key });
  }
  return { completed, failed, aborted: false };
}
