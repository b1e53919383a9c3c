import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { WarningTally, type InputIssue, type InputWarning } from '../issue.js';
import { describeField, SWF_FIELDS, type SwfRecord } from './fields.js';
import { SwfHeaderBuilder, type SwfHeader } from './header.js';

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
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

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
  let input: NodeJS.ReadableStream;
  try {
    input = await openInput(file);
  } catch (e) {
    return { ok: false, error: { file, message: `cannot read: ${(e as Error).message}` } };
  }
  const header = new SwfHeaderBuilder();
  const warnings = new WarningTally(file);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let records = 0;
  let skipped = 0;
  let lastSubmit = -Infinity;
  let firstSubmit: number | undefined;
  const values = new Array<number>(SWF_FIELDS.length);
  try {
    for await (const raw of lines) {
      lineNo++;
      const line = raw.trim();
      if (line === '') continue;
      if (line.startsWith(';')) {
        header.add(line);
        continue;
      }
      if (line.includes(';')) {
        return {
          ok: false,
          error: {
            file,
            line: lineNo,
            message:
              "fields are separated by ';': this is the Slurm simulator's job-trace variant, not SWF (SWF separates 18 numeric fields by whitespace)",
          },
        };
      }
      const parts = line.split(/\s+/);
      const problem = parseFields(parts, values);
      if (problem !== undefined) {
        if (options.skipBadLines === true) {
          skipped++;
          warnings.add(`skipped a broken line: ${problem.message}`, lineNo);
          continue;
        }
        return { ok: false, error: { file, line: lineNo, ...problem } };
      }
      if (parts.length > SWF_FIELDS.length) warnings.add(`lines have more than ${SWF_FIELDS.length} fields; the extra fields are ignored`, lineNo);
      const record = toRecord(values, lineNo);
      if (!Number.isInteger(record.submitTime) || !Number.isInteger(record.runTime) || !Number.isInteger(record.requestedTime)) {
        warnings.add('fractional times (submit, run or requested time); run and requested times are truncated to whole seconds', lineNo);
      }
      firstSubmit ??= record.submitTime;
      if (record.submitTime < lastSubmit) warnings.add('submit times out of order; jobs are stably sorted by submit time', lineNo);
      lastSubmit = Math.max(lastSubmit, record.submitTime);
      records++;
      onRecord(record);
    }
  } catch (e) {
    return { ok: false, error: { file, line: lineNo + 1, message: `read failed: ${(e as Error).message}` } };
  }
  const built = header.build();
  if (firstSubmit !== undefined && firstSubmit >= EPOCH_THRESHOLD) {
    warnings.add(
      `submit times look like absolute Unix epochs (first ${firstSubmit} = ${new Date(firstSubmit * 1000).toISOString()}), not offsets from UnixStartTime; they are kept as they are`,
    );
  }
  return { ok: true, value: { header: built, warnings: warnings.list(), records, skipped } };
}

function parseFields(parts: readonly string[], out: number[]): { field?: string; message: string } | undefined {
  if (parts.length < SWF_FIELDS.length) {
    return {
      field: describeField(parts.length),
      message: `missing: the line has ${parts.length} fields, SWF has ${SWF_FIELDS.length}`,
    };
  }
  for (let i = 0; i < SWF_FIELDS.length; i++) {
    const text = parts[i]!;
    if (!NUMBER.test(text)) return { field: describeField(i), message: `'${text}' is not a number` };
    out[i] = Number(text);
  }
  return undefined;
}

function toRecord(values: readonly number[], line: number): SwfRecord {
  const r: Record<string, number> = { line };
  for (let i = 0; i < SWF_FIELDS.length; i++) r[SWF_FIELDS[i]!] = values[i]!;
  return r as SwfRecord;
}

async function openInput(file: string): Promise<NodeJS.ReadableStream> {
  const stream = createReadStream(file);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  return file.endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
}
