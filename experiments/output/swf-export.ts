import type { JobState } from '../../core/index.js';
import type { SimulationResult } from '../../runtime-sim/index.js';
import { closeSync, openSync, writeSync } from 'node:fs';

const SWF_STATUS: Record<JobState, number> = {
  Completed: 1,
  Failed: 0,
  ExceedTimeLimit: 0,
  Cancelled: 5,
  Deadline: 5,
  Pending: -1,
  Running: -1,
};

/**
 * The simulated schedule as SWF, so tools that read SWF can read our results: submit, wait and run
 * are the simulated ones (seconds, rounded), size is the allocated node count, the request is the
 * time limit. Job numbers are the trace's when numeric, else the row number.
 */
export function writeScheduleSwf(path: string, result: SimulationResult, header: readonly string[]): void {
  const fd = openSync(path, 'w');
  const chunks: string[] = header.map((h) => `; ${h}\n`);
  result.jobs.forEach(({ view }, index) => {
    if (!Number.isFinite(view.endTime)) return;
    const s = view.spec;
    const id = /^\d+$/.test(s.externalId) ? s.externalId : String(index + 1);
    const num = (x: string): string => (/^\d+$/.test(x) ? x : '-1');
    const fields = [
      id,
      Math.round(view.submitTime / 1000),
      Math.round((view.startTime - view.submitTime) / 1000),
      Math.round((view.endTime - view.startTime) / 1000),
      s.request.nodeCount,
      -1,
      -1,
      s.request.nodeCount,
      Math.round(view.timeLimit / 1000),
      -1,
      SWF_STATUS[view.state],
      num(s.user),
      num(s.account),
      -1,
      -1,
      -1,
      -1,
      -1,
    ];
    chunks.push(fields.join(' ') + '\n');
    if (chunks.length >= 65536) writeSync(fd, chunks.splice(0).join(''));
  });
  writeSync(fd, chunks.join(''));
  closeSync(fd);
}

