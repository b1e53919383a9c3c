import { WarningTally, type InputIssue, type InputWarning } from '../issue.js';
import { describeField, recordFrom, SWF_FIELDS, type SwfRecord } from './fields.js';
import { SwfHeaderBuilder, type SwfHeader } from './header.js';
import { forEachLineBytes } from './lines.js';
import { fieldText, parseNumberFieldsBytes } from './numbers.js';

export interface SwfReadOptions {
  /** Turn broken lines (too few fields, a non-number) into a counted warning instead of an error. */
  readonly skipBadLines?: boolean;
}

export interface SwfSummary {
  readonly header: SwfHeader;
  readonly warnings: readonly InputWarning[];
  /** Job lines handed to `onRecord`. */
  readonly records: number;
  /** Broken lines skipped under `skipBadLines`. */
  readonly skipped: number;
}

export type SwfReadResult = { readonly ok: true; readonly value: SwfSummary } | { readonly ok: false; readonly error: InputIssue };

/** A submit time above this (1980-01-01) is taken as an absolute Unix epoch, not a trace offset. */
const EPOCH_THRESHOLD = 315_532_800;

/**
 * Streams an SWF file (optionally gzip-compressed, by the `.gz` suffix) line by line and hands each
 * job line to `onRecord`; the file is never held in memory. Comment lines (`;`) feed the header.
 *
 * Strict where a line is broken: fewer than 18 fields or a non-number field is an error naming the
 * file, line and field (or a counted warning with `skipBadLines`). Tolerant where real files are
 * odd, with a warning: fields past the 18th (ignored), fractional times, submit times that are
 * absolute epochs, submit times out of order (the caller sorts). A `;`-separated data line is the
 * Slurm simulator's variant, which is rejected as not SWF.
 */
export async function readSwf(file: string, onRecord: (record: SwfRecord) => void, options: SwfReadOptions = {}): Promise<SwfReadResult> {
  const header = new SwfHeaderBuilder();
  const warnings = new WarningTally(file);
  const values = new Float64Array(SWF_FIELDS.length);
  let records = 0;
  let skipped = 0;
  let previousSubmit = -Infinity;
  let firstSubmit: number | undefined;
  let error: InputIssue | undefined;
  const onLine = (buf: Buffer, start: number, end: number, lineNo: number): boolean => {
    // Bytes first: a data line of numbers never becomes a string. Comments and broken lines are
    // decoded and handled as text.
    const c = firstNonBlank(buf, start, end);
    if (c < 0) return true;
    if (buf[c] === 59 /* ; */) {
      header.add(buf.toString('utf8', start, end).trim());
      return true;
    }
    const count = parseNumberFieldsBytes(buf, start, end, values);
    if (count < 0 || count < SWF_FIELDS.length) {
      const raw = buf.toString('utf8', start, end);
      if (count < 0 && raw.includes(';')) {
        error = {
          file,
          line: lineNo,
          message: "fields are separated by ';': this is the Slurm simulator's job-trace variant, not SWF (SWF separates 18 numeric fields by whitespace)",
        };
        return false;
      }
      const problem =
        count < 0 ? { field: describeField(-count - 1), message: `'${fieldText(raw, -count - 1)}' is not a number` } : { field: describeField(count), message: `missing: the line has ${count} fields, SWF has ${SWF_FIELDS.length}` };
      if (options.skipBadLines === true) {
        skipped++;
        warnings.add('skipped broken lines (too few fields or a non-number)', lineNo);
        return true;
      }
      error = { file, line: lineNo, ...problem };
      return false;
    }
    if (count > SWF_FIELDS.length) warnings.add(`lines have more than ${SWF_FIELDS.length} fields; the extra fields are ignored`, lineNo);
    const record = recordFrom(values, lineNo);
    if (!Number.isInteger(record.submitTime) || !Number.isInteger(record.runTime) || !Number.isInteger(record.requestedTime)) {
      warnings.add('fractional times (submit, run or requested time); run and requested times are truncated to whole seconds', lineNo);
    }
    firstSubmit ??= record.submitTime;
    if (record.submitTime < previousSubmit) warnings.add('submit times out of order (earlier than the line before); jobs are stably sorted by submit time', lineNo);
    previousSubmit = record.submitTime;
    records++;
    onRecord(record);
    return true;
  };
  try {
    await forEachLineBytes(file, onLine);
  } catch (e) {
    return { ok: false, error: { file, message: `cannot read: ${(e as Error).message}` } };
  }
  if (error !== undefined) return { ok: false, error };
  if (firstSubmit !== undefined && firstSubmit >= EPOCH_THRESHOLD) {
    warnings.add(
      `submit times look like absolute Unix epochs (first ${firstSubmit} = ${new Date(firstSubmit * 1000).toISOString()}), not offsets from UnixStartTime; they are kept as they are`,
    );
  }
  return { ok: true, value: { header: header.build(), warnings: warnings.list(), records, skipped } };
}

/** Index of the first byte that is not a space, tab or CR in `buf[start..end)`, or -1. */
function firstNonBlank(buf: Buffer, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c !== 32 && c !== 9 && c !== 13) return i;
  }
  return -1;
}
