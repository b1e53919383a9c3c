import { WarningTally, type InputIssue, type InputWarning } from '../issue.js';
import { describeField, SWF_FIELDS } from './fields.js';
import { SwfHeaderBuilder, type SwfHeader } from './header.js';
import { forEachLineChunk } from './lines.js';
import { fieldText, parseNumberFieldsBytes } from './numbers.js';

/** Where a scan puts each job line's 18 values (in file order; `values` is reused after the call). */
export interface SwfSink {
  add(values: Float64Array, line: number): void;
}

export interface SwfScanOptions {
  /** Turn broken lines (too few fields, a non-number) into a counted warning instead of an error. */
  readonly skipBadLines?: boolean;
}

export interface SwfSummary {
  readonly header: SwfHeader;
  readonly warnings: readonly InputWarning[];
  /** Job lines handed to the caller. */
  readonly records: number;
  /** Broken lines skipped under `skipBadLines`. */
  readonly skipped: number;
}

export type SwfReadResult = { readonly ok: true; readonly value: SwfSummary } | { readonly ok: false; readonly error: InputIssue };

/** A submit time above this (1980-01-01) is taken as an absolute Unix epoch, not a trace offset. */
const EPOCH_THRESHOLD = 315_532_800;
const FIELDS = SWF_FIELDS.length;
const OUT_OF_ORDER = 'submit times out of order (earlier than the line before); jobs are stably sorted by submit time';

/**
 * Streams an SWF file's job lines into `sink` (see `readSwf` for what is strict and what is
 * tolerated). A line of exactly 18 integers, the usual one, is parsed in the loop over the
 * chunk's bytes (one loop that V8 optimizes early, no call or string per line); any other line
 * (comments, blank, fractions, broken) takes the general path, which handles it as text.
 */
export async function scanSwf(file: string, sink: SwfSink, options: SwfScanOptions = {}): Promise<SwfReadResult> {
  const scan = new Scan(file, sink, options.skipBadLines === true);
  try {
    let lineNo = 0;
    await forEachLineChunk(file, (buf, start, end) => (lineNo = scan.lines(buf, start, end, lineNo, scan.values)) >= 0);
  } catch (e) {
    return { ok: false, error: { file, message: `cannot read: ${(e as Error).message}` } };
  }
  return scan.finish();
}

class Scan {
  private readonly header = new SwfHeaderBuilder();
  private readonly warnings: WarningTally;
  readonly values = new Float64Array(FIELDS);
  private records = 0;
  private skipped = 0;
  private previousSubmit = -Infinity;
  private firstSubmit = NaN;
  private error: InputIssue | undefined;

  constructor(
    private readonly file: string,
    private readonly sink: SwfSink,
    private readonly skipBadLines: boolean,
  ) {
    this.warnings = new WarningTally(file);
  }

  /**
   * The lines of `buf[start..end)` (whole lines: `end` is after a LF, or the end of the file),
   * numbered after `lineNo`, parsing into `v` (this scan's `values`); returns the last line's
   * number, or -1 to stop. (No property is read on the way in or written on the way out: an
   * access that ran before the loop's type feedback existed would throw the optimized loop away
   * at every chunk.)
   */
  lines(buf: Buffer, start: number, end: number, lineNo: number, v: Float64Array): number {
    let from = start;
    while (from < end) {
      lineNo++;
      // The usual line: fields of [-]digits separated by spaces or tabs, ended by LF, CR LF or the end.
      let i = from;
      let field = 0;
      let plain = true;
      while (i < end) {
        let c = buf[i]!;
        if (c === 32 || c === 9) {
          i++;
          continue;
        }
        if (c === 10) break;
        if (c === 13) {
          if (i + 1 === end || buf[i + 1] === 10) {
            i++;
            continue;
          }
          plain = false;
          break;
        }
        let negative = false;
        if (c === 45) {
          negative = true;
          if (++i === end) {
            plain = false;
            break;
          }
          c = buf[i]!;
        }
        let d = c - 48;
        if (d < 0 || d > 9 || field === FIELDS) {
          plain = false;
          break;
        }
        let n = 0;
        for (;;) {
          n = n * 10 + d;
          if (++i === end) break;
          c = buf[i]!;
          d = c - 48;
          if (d < 0 || d > 9) break;
        }
        if (i < end && c !== 32 && c !== 9 && c !== 10 && c !== 13) {
          plain = false;
          break;
        }
        v[field++] = negative ? -n : n;
      }
      let next: number;
      if (plain && field === FIELDS) {
        next = i + 1; // past the LF (or the end)
        this.accept(v[1]!, lineNo);
      } else {
        let nl = buf.indexOf(10, i);
        if (nl < 0 || nl >= end) nl = end;
        next = nl + 1;
        const stop = nl > from && buf[nl - 1] === 13 ? nl - 1 : nl;
        if (!this.line(buf, from, stop, lineNo)) return -1;
      }
      from = next;
    }
    return lineNo;
  }

  /** A job line's values are in `values`: checks its submit time and hands it on. */
  private accept(submit: number, lineNo: number): void {
    if (this.records === 0) this.firstSubmit = submit;
    if (submit < this.previousSubmit) this.warnings.add(OUT_OF_ORDER, lineNo);
    this.previousSubmit = submit;
    this.records++;
    this.sink.add(this.values, lineNo);
  }

  /** Any line, as text where it is not numbers (`buf[start..end)`, without its line break); false to stop. */
  private line(buf: Buffer, start: number, end: number, lineNo: number): boolean {
    const c = firstNonBlank(buf, start, end);
    if (c < 0) return true;
    if (buf[c] === 59 /* ; */) {
      this.header.add(buf.toString('utf8', start, end).trim());
      return true;
    }
    const values = this.values;
    const count = parseNumberFieldsBytes(buf, start, end, values);
    if (count < 0 || count < FIELDS) {
      const raw = buf.toString('utf8', start, end);
      if (count < 0 && raw.includes(';')) {
        this.error = {
          file: this.file,
          line: lineNo,
          message: "fields are separated by ';': this is the Slurm simulator's job-trace variant, not SWF (SWF separates 18 numeric fields by whitespace)",
        };
        return false;
      }
      const problem =
        count < 0 ? { field: describeField(-count - 1), message: `'${fieldText(raw, -count - 1)}' is not a number` } : { field: describeField(count), message: `missing: the line has ${count} fields, SWF has ${FIELDS}` };
      if (this.skipBadLines) {
        this.skipped++;
        this.warnings.add('skipped broken lines (too few fields or a non-number)', lineNo);
        return true;
      }
      this.error = { file: this.file, line: lineNo, ...problem };
      return false;
    }
    if (count > FIELDS) this.warnings.add(`lines have more than ${FIELDS} fields; the extra fields are ignored`, lineNo);
    if (!Number.isInteger(values[1]) || !Number.isInteger(values[3]) || !Number.isInteger(values[8])) {
      this.warnings.add('fractional times (submit, run or requested time); run and requested times are truncated to whole seconds', lineNo);
    }
    this.accept(values[1]!, lineNo);
    return true;
  }

  finish(): SwfReadResult {
    if (this.error !== undefined) return { ok: false, error: this.error };
    const first = this.firstSubmit;
    if (this.records > 0 && first >= EPOCH_THRESHOLD) {
      const date = new Date(first * 1000); // invalid past the year 275760
      const when = Number.isNaN(date.getTime()) ? `${first}` : `${first} = ${date.toISOString()}`;
      this.warnings.add(`submit times look like absolute Unix epochs (first ${when}), not offsets from UnixStartTime; they are kept as they are`);
    }
    return { ok: true, value: { header: this.header.build(), warnings: this.warnings.list(), records: this.records, skipped: this.skipped } };
  }
}

/** Index of the first byte that is not a space, tab or CR in `buf[start..end)`, or -1. */
function firstNonBlank(buf: Buffer, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c !== 32 && c !== 9 && c !== 13) return i;
  }
  return -1;
}
