import { ChunkedFile } from './byte-file.js';

export { ChunkedFile };

/** Quotes a CSV field when it needs it (RFC 4180). Numbers never need it. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return needsQuotes(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Whether a text field holds `"`, `,`, CR or LF (a character loop: cheaper than a regex for short fields). */
function needsQuotes(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13) return true;
  }
  return false;
}

/** Writes CSV rows to a file through a chunked buffer. */
export class CsvFile {
  private readonly out: ChunkedFile;

  constructor(path: string, header: readonly string[]) {
    this.out = new ChunkedFile(path);
    this.row(header);
  }

  row(fields: readonly (string | number)[]): void {
    let line = '';
    for (let i = 0; i < fields.length; i++) line += (i === 0 ? '' : ',') + csvField(fields[i]!);
    this.out.write(line + '\n');
  }

  /** A row already formatted (fields quoted with `csvField`, separated by commas), without its line break. */
  line(text: string): void {
    this.out.write(text + '\n');
  }

  close(): void {
    this.out.close();
  }
}

/** Seconds from integer milliseconds, without float noise: 12000 -> "12", 12345 -> "12.345". */
export function seconds(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  if (ms % 1000 === 0) return String(ms / 1000);
  return (ms / 1000).toFixed(3).replace(/0+$/, '');
}

/** A ratio with six decimals (Batsim's precision), exact to the sixth decimal. */
export function ratio(x: number): string {
  const scaled = Math.round(x * 1e6);
  const whole = Math.trunc(scaled / 1e6);
  const frac = scaled - whole * 1e6;
  return `${whole}.${String(frac).padStart(6, '0')}`;
}
