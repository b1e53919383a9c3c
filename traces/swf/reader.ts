import { recordFrom, type SwfRecord } from './fields.js';
import { scanSwf, type SwfReadResult, type SwfScanOptions } from './scan.js';

export type { SwfReadResult, SwfSummary } from './scan.js';
export type SwfReadOptions = SwfScanOptions;

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
  return scanSwf(file, { add: (values, line) => onRecord(recordFrom(values, line)) }, options);
}
