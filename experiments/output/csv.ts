import { closeSync, openSync, writeSync } from 'node:fs';

/** Quotes a CSV field when it needs it (RFC 4180). Numbers never need it. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes CSV rows to a file through a 64 KiB buffer: a million rows never become one string. */
export class CsvFile {
  private readonly fd: number;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(path: string, header: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.row(header);
  }

  row(fields: readonly (string | number)[]): void {
    let line = '';
    for (let i = 0; i < fields.length; i++) line += (i === 0 ? '' : ',') + csvField(fields[i]!);
    line += '\n';
    this.buffer.push(line);
    this.buffered += line.length;
    if (this.buffered >= 1 << 16) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
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
