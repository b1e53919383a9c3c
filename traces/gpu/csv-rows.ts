import { createReadStream } from 'node:fs';
import { parse, type Info } from 'csv-parse';
import type { InputIssue } from '../issue.js';

/** One data row by column name, with the line it ends on (1-based; the header is line 1). */
export interface CsvRow {
  readonly line: number;
  get(column: string): string;
}

export type CsvReadResult = { readonly ok: true; readonly extraColumns: readonly string[] } | { readonly ok: false; readonly issues: readonly InputIssue[] };

/**
 * Streams a CSV file with a header row through csv-parse, checking that every `required` column is
 * in the header (extra columns are returned so the caller can warn). `onRow` returns false to stop.
 * Quoting, a broken row or a wrong field count is an issue naming the file and line.
 */
export async function forEachCsvRow(file: string, required: readonly string[], onRow: (row: CsvRow) => boolean): Promise<CsvReadResult> {
  const parser = createReadStream(file).pipe(parse({ info: true, bom: true, skip_empty_lines: true, trim: true }));
  let index: Map<string, number> | undefined;
  let extraColumns: string[] = [];
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const line = item.info.lines;
      if (index === undefined) {
        index = new Map(item.record.map((name, i) => [name, i]));
        const missing = required.filter((c) => !index!.has(c));
        if (missing.length > 0) {
          parser.destroy();
          return { ok: false, issues: [{ file, line, message: `the header lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected ${required.join(',')})` }] };
        }
        extraColumns = item.record.filter((c) => !required.includes(c));
        continue;
      }
      const record = item.record;
      const columns = index;
      const row: CsvRow = { line, get: (column) => record[columns.get(column)!] ?? '' };
      if (!onRow(row)) {
        parser.destroy();
        break;
      }
    }
  } catch (e) {
    const err = e as Error & { lines?: number };
    return { ok: false, issues: [{ file, ...(typeof err.lines === 'number' ? { line: err.lines } : {}), message: `CSV: ${err.message}` }] };
  }
  if (index === undefined) return { ok: false, issues: [{ file, message: `empty file: expected a header row (${required.join(',')})` }] };
  return { ok: true, extraColumns };
}

/** Reads a CSV integer field; `what` describes the allowed range for the message. */
export function intField(row: CsvRow, column: string, min: number): number | string {
  const text = row.get(column);
  if (!/^-?\d+$/.test(text)) return `expected an integer >= ${min}, got ${JSON.stringify(text)}`;
  const n = Number(text);
  return n >= min ? n : `expected an integer >= ${min}, got ${text}`;
}
