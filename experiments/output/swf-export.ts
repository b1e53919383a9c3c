import type { JobState, JobView } from '../../core/index.js';
import type { SimulationResult } from '../../runtime-sim/index.js';
import { ChunkedFile } from './csv.js';

const SWF_STATUS: Record<JobState, number> = {
  Completed: 1,
  Failed: 0,
  ExceedTimeLimit: 0,
  Cancelled: 5,
  Deadline: 5,
  OutOfMemory: 0,
  Pending: -1,
  Configuring: -1,
  Running: -1,
  Completing: -1,
};

/**
 * The simulated schedule as SWF, so tools that read SWF can read our results: submit, wait and run
 * are the simulated ones (seconds, rounded), size is the allocated node count, the request is the
 * time limit. Job numbers are the trace's when numeric, else the row number. Numbers go into the
 * file's byte buffer as digits (no string per row).
 */
export function writeScheduleSwf(path: string, result: SimulationResult, header: readonly string[]): void {
  const writer = new ScheduleSwfWriter(path, header);
  for (const { view } of result.jobs) writer.row(view);
  writer.close();
}

/** schedule.swf row by row (a replay feeds it from the same pass as its other outputs). */
export class ScheduleSwfWriter {
  private readonly out: ChunkedFile;
  /** Row number of the last row given (jobs without a numeric id are numbered by it). */
  private index = 0;

  constructor(path: string, header: readonly string[]) {
    this.out = new ChunkedFile(path);
    for (const h of header) this.out.write(`; ${h}\n`);
  }

  /** The next row of `result.jobs` (jobs that did not finish are left out, but counted). */
  row(view: JobView): void {
    const out = this.out;
    this.index++;
    if (!Number.isFinite(view.endTime)) return;
    const s = view.spec;
    const size = s.request.nodeCount;
    if (isDigits(s.externalId)) out.write(s.externalId);
    else out.number(this.index);
    out.byte(32);
    out.number(Math.round(view.submitTime / 1000));
    out.byte(32);
    out.number(Math.round((view.startTime - view.submitTime) / 1000));
    out.byte(32);
    out.number(Math.round((view.endTime - view.startTime) / 1000));
    out.byte(32);
    out.number(size);
    out.write(' -1 -1 ');
    out.number(size);
    out.byte(32);
    out.number(Math.round(view.timeLimit / 1000));
    out.write(' -1 ');
    out.number(SWF_STATUS[view.state]);
    out.byte(32);
    out.write(isDigits(s.user) ? s.user : '-1');
    out.byte(32);
    out.write(isDigits(s.account) ? s.account : '-1');
    out.write(' -1 -1 -1 -1 -1\n');
  }

  close(): void {
    this.out.close();
  }
}

/** `/^\d+$/` as a character loop (three tests per row of a million-row file). */
function isDigits(x: string): boolean {
  if (x.length === 0) return false;
  for (let i = 0; i < x.length; i++) {
    const c = x.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
