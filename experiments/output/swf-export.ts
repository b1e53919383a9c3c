import type { JobState, JobView } from '../../core/index.js';
import type { SimulationResult } from '../../runtime-sim/index.js';
import { ChunkedFile } from './csv.js';
import { asciiBytes, NUMBER_BYTES, putAscii, putBytes, putDigitText, putNumber } from './row-bytes.js';

/** The unknown fields 14-18 and the line break. */
const ROW_END = asciiBytes(' -1 -1 -1 -1 -1\n');
/** Bytes a row takes at most besides its three texts: 9 numbers and the rest. */
const ROW_BYTES = 9 * NUMBER_BYTES + 64;

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
 * time limit. Job numbers are the trace's when numeric, else the row number. Rows go straight into
 * the file's byte buffer (no string per field or row).
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
    const bytes = ROW_BYTES + s.externalId.length + s.user.length + s.account.length;
    if (out.room(bytes)) out.used = putRow(out.buffer, out.used, view, this.index);
    else {
      const b = Buffer.allocUnsafe(bytes); // a row longer than the buffer (huge texts)
      out.writeBytes(b, 0, putRow(b, 0, view, this.index));
    }
  }

  close(): void {
    this.out.close();
  }
}

/** Stores the schedule.swf row (with its line break) of the `index`th job from `b[at]` on; returns its end. */
function putRow(b: Buffer, at: number, view: JobView, index: number): number {
  const s = view.spec;
  const size = s.request.nodeCount;
  const submit = view.submitTime;
  const start = view.startTime;
  const end = view.endTime;
  const idEnd = putDigitText(b, at, s.externalId);
  at = idEnd < 0 ? putNumber(b, at, index) : idEnd;
  b[at++] = 32;
  at = putNumber(b, at, Math.round(submit / 1000));
  b[at++] = 32;
  at = putNumber(b, at, Math.round((start - submit) / 1000));
  b[at++] = 32;
  at = putNumber(b, at, Math.round((end - start) / 1000));
  b[at++] = 32;
  at = putNumber(b, at, size);
  at = putAscii(b, at, ' -1 -1 ');
  at = putNumber(b, at, size);
  b[at++] = 32;
  at = putNumber(b, at, Math.round(view.timeLimit / 1000));
  at = putAscii(b, at, ' -1 ');
  at = putNumber(b, at, SWF_STATUS[view.state]);
  b[at++] = 32;
  const userEnd = putDigitText(b, at, s.user);
  at = userEnd < 0 ? putAscii(b, at, '-1') : userEnd;
  b[at++] = 32;
  const accountEnd = putDigitText(b, at, s.account);
  at = accountEnd < 0 ? putAscii(b, at, '-1') : accountEnd;
  return putBytes(b, at, ROW_END);
}
