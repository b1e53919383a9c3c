import { parentPort, workerData } from 'node:worker_threads';
import { computeRun } from './run-task.js';
import { RunStore } from './run-store.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js';

/**
 * A worker thread that computes runs one at a time and stores each as soon as it is done (so an
 * interrupted experiment keeps it). Loaded from dist/ by the worker pool.
 */
const port = parentPort;
if (port === null) throw new Error('run-worker.js must be started as a worker thread');
const store = new RunStore((workerData as WorkerSetup).outDir);
const send = (m: FromWorker): void => port.postMessage(m);

port.on('message', (message: ToWorker) => {
  void handle(message);
});

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'run': {
      const { task } = message;
      const run = await computeRun(task, (finished, total) => send({ type: 'progress', key: task.key, finished, total }));
      if (!run.ok) {
        send({ type: 'failed', key: task.key, message: run.message });
        return;
      }
      store.save(task, run.record, run.result);
      send({ type: 'done', key: task.key });
      return;
    }
  }
}
