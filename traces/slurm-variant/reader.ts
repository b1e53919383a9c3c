import { WarningTally, type InputIssue, type InputWarning } from '../issue.js';
import { forEachLine } from '../swf/lines.js';
import { describeVariantField, VARIANT_FIELDS, type SlurmVariantRecord } from './fields.js';

export interface SlurmVariantSummary {
  /** Job lines handed to `onRecord`. */
  readonly records: number;
  /** Comment lines (`;` first), kept as they are. */
  readonly comments: readonly string[];
  readonly warnings: readonly InputWarning[];
}

export type SlurmVariantResult = { readonly ok: true; readonly value: SlurmVariantSummary } | { readonly ok: false; readonly error: InputIssue };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NAME = /^[^\s,;]+$/;

/**
 * Streams a Slurm-simulator variant file (`;`-separated SWF with names) line by line and hands each
 * job line to `onRecord`; `.gz` files are decompressed on the fly. Blank lines and lines starting
 * with `;` are skipped (comments).
 *
 * Strict: a line must have 18 fields (a trailing `;` is allowed), required fields (job number,
 * submit, run and requested time, processors, user) must be present, numbers must be numbers and
 * names must have no spaces or commas; the first broken line is an error naming file, line and
 * field. A whitespace-separated line is recognised as plain SWF and rejected with that hint.
 */
export async function readSlurmVariant(file: string, onRecord: (record: SlurmVariantRecord) => void): Promise<SlurmVariantResult> {
  const comments: string[] = [];
  const warnings = new WarningTally(file);
  let records = 0;
  let error: InputIssue | undefined;
  let lastSubmit = -Infinity;
  const onLine = (raw: string, lineNo: number): boolean => {
    const text = raw.trim();
    if (text.length === 0) return true;
    if (text.startsWith(';')) {
      comments.push(text);
      return true;
    }
    const r = parseVariantLine(text, lineNo);
    if (typeof r === 'string' || 'message' in r) {
      error = typeof r === 'string' ? { file, line: lineNo, message: r } : { file, line: lineNo, field: r.field, message: r.message };
      return false;
    }
    if (r.submitTime < lastSubmit) warnings.add('submit times out of order; jobs are stably sorted by submit time', lineNo);
    lastSubmit = Math.max(lastSubmit, r.submitTime);
    records++;
    onRecord(r);
    return true;
  };
  try {
    await forEachLine(file, onLine);
  } catch (e) {
    return { ok: false, error: { file, message: `cannot read: ${(e as Error).message}` } };
  }
  if (error !== undefined) return { ok: false, error };
  return { ok: true, value: { records, comments, warnings: warnings.list() } };
}

/** One data line: the record, a whole-line problem (string), or a field problem. */
export function parseVariantLine(text: string, line: number): SlurmVariantRecord | string | { readonly field: string; readonly message: string } {
  if (!text.includes(';')) {
    return /\s/.test(text)
      ? 'fields are separated by whitespace: this is plain SWF, not the Slurm simulator variant (18 fields separated by ;)'
      : `expected ${VARIANT_FIELDS.length} fields separated by ';', got 1`;
  }
  const parts = text.split(';');
  if (parts.length === VARIANT_FIELDS.length + 1 && parts[parts.length - 1]!.trim() === '') parts.pop();
  if (parts.length !== VARIANT_FIELDS.length) return `expected ${VARIANT_FIELDS.length} fields separated by ';', got ${parts.length}`;
  const out: Record<string, number | string> = { line };
  for (let i = 0; i < VARIANT_FIELDS.length; i++) {
    const f = VARIANT_FIELDS[i]!;
    const v = parts[i]!.trim();
    const field = describeVariantField(i);
    if (v === '') {
      if (f.required) return { field, message: 'missing: this field is required' };
      out[f.name] = f.kind === 'number' ? -1 : '';
    } else if (f.kind === 'number') {
      if (!NUMBER.test(v)) return { field, message: `expected a number, got ${JSON.stringify(v)}` };
      out[f.name] = Number(v);
    } else {
      if (!NAME.test(v)) return { field, message: `expected a name without spaces or commas, got ${JSON.stringify(v)}` };
      out[f.name] = v;
    }
  }
  return out as unknown as SlurmVariantRecord;
}
