import { SWF_JOB_FIELDS } from './mapping.js';
import type { SwfSink } from './scan.js';

/**
 * The fields of an SWF trace's job lines a loader keeps (the first `max` lines), row after row in
 * one growable typed array: per row the fields the replay mapping reads (`SWF_JOB_FIELDS`, in its
 * order), then the `extra` ones, then the line number. No object per job. Row i holds field
 * `kept[k]` at `data[i * width + k]` and its line at `data[i * width + width - 1]`.
 */
export class SwfRows implements SwfSink {
  /** SWF field indexes, in row order. */
  readonly kept: readonly number[];
  readonly width: number;
  // Small at first, so that growing is seen (and optimized for) while the loop is still cold.
  data: Float64Array;
  length = 0;
  private readonly extra: Int32Array;

  constructor(extra: readonly number[] = [], private readonly max = Number.POSITIVE_INFINITY) {
    this.kept = [...SWF_JOB_FIELDS, ...extra];
    this.extra = Int32Array.from(extra);
    this.width = this.kept.length + 1;
    this.data = new Float64Array(this.width * 64);
  }

  add(v: Float64Array, line: number): void {
    if (this.length >= this.max) return;
    let at = this.length * this.width;
    if (at + this.width > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    // SWF_JOB_FIELDS written out: every loader keeps them, and constant indexes are cheaper while cold.
    d[at++] = v[0]!; // jobNumber
    d[at++] = v[1]!; // submitTime
    d[at++] = v[3]!; // runTime
    d[at++] = v[4]!; // allocatedProcessors
    d[at++] = v[8]!; // requestedTime
    d[at++] = v[10]!; // status
    d[at++] = v[11]!; // userId
    d[at++] = v[12]!; // groupId
    const extra = this.extra;
    for (let i = 0; i < extra.length; i++) d[at++] = v[extra[i]!]!;
    d[at] = line;
    this.length++;
  }
}
